declare const __ZOOMHLS_VERSION__: string;
