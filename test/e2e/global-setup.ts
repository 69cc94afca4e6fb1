import { buildPlayer } from './helpers/player-bundle.js';

export default async function setup(): Promise<void> {
  await buildPlayer();
}
