/**
 * The words the user reads, one module per area. Library code returns codes
 * and reasons; these modules turn them into text.
 */
export * from './card';
export * from './commands';
export * from './diff';
export * from './image';
export * from './json';
export * from './migrate';
export * from './persist';
export * from './restore';
export * from './share';
export * from './snapshot';
export * from './scenario';
export * from './watchlist';
export * from './search';
export * from './reader';
export * from './sensitivity';
export * from './tree';
export * from './history';
