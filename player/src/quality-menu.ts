import type MenuButtonType from 'video.js/dist/types/menu/menu-button';
import type MenuItemType from 'video.js/dist/types/menu/menu-item';
import { extras, videojs, type Player, type QualityLevelList } from './vjs.js';

const MenuButton = videojs.getComponent('MenuButton') as unknown as typeof MenuButtonType;
const MenuItem = videojs.getComponent('MenuItem') as unknown as typeof MenuItemType;

interface QualityItemOptions {
  label: string;
  /** null = automatic (every rendition enabled). */
  height: number | null;
  selectable: true;
  selected: boolean;
}

/** Distinct rendition heights, highest first. */
export function qualityHeights(levels: QualityLevelList): number[] {
  const heights = new Set<number>();
  for (let i = 0; i < levels.length; i++) {
    const h = levels[i]!.height;
    if (h) heights.add(h);
  }
  return [...heights].sort((a, b) => b - a);
}

/** Enables the renditions of one height, or all of them for automatic selection. */
export function selectQuality(levels: QualityLevelList, height: number | null): void {
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i]!;
    level.enabled = height === null || level.height === height;
  }
}

class QualityItem extends MenuItem {
  private readonly qualityHeight: number | null;

  constructor(player: Player, options: QualityItemOptions) {
    super(player, options);
    this.qualityHeight = options.height;
  }

  override handleClick(): void {
    const button = this.player().getChild('ControlBar')?.getChild('QualityMenuButton') as QualityMenuButton | undefined;
    button?.choose(this.qualityHeight);
  }
}

/** Quality menu in the control bar; hidden unless the stream has more than one rendition height. */
export class QualityMenuButton extends MenuButton {
  private chosen: number | null = null;
  private readonly refresh = () => this.update();

  constructor(player: Player, options: object = {}) {
    super(player, options);
    this.controlText((options as { label?: string }).label ?? 'Quality');
    const levels = extras(player).qualityLevels();
    levels.on('addqualitylevel', this.refresh);
    levels.on('removequalitylevel', this.refresh);
    this.on('dispose', () => {
      levels.off('addqualitylevel', this.refresh);
      levels.off('removequalitylevel', this.refresh);
    });
  }

  override buildCSSClass(): string {
    return `zoomhls-quality-button ${super.buildCSSClass()}`;
  }

  override buildWrapperCSSClass(): string {
    return `zoomhls-quality ${super.buildWrapperCSSClass()}`;
  }

  choose(height: number | null): void {
    this.chosen = height;
    selectQuality(extras(this.player()).qualityLevels(), height);
    this.update();
  }

  override createItems(): MenuItemType[] {
    const player = this.player();
    const heights = qualityHeights(extras(player).qualityLevels());
    if (heights.length < 2) return [];
    const auto = (this.options_ as { autoLabel?: string }).autoLabel ?? 'Auto';
    const items: QualityItemOptions[] = [
      { label: auto, height: null, selectable: true, selected: this.chosen === null },
      ...heights.map((h) => ({ label: `${h}p`, height: h, selectable: true as const, selected: this.chosen === h })),
    ];
    return items.map((o) => new QualityItem(player, o));
  }
}

videojs.registerComponent('QualityMenuButton', QualityMenuButton as unknown as Parameters<typeof videojs.registerComponent>[1]);
