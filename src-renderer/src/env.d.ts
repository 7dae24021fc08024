/// <reference types="vite/client" />

/** Every channel of the contract, put in by the build (electron.vite.config.ts). */
declare const __DESK_CHANNELS__: readonly import('../../src-shared/contract').ChannelName[];
