import type { PersistenceState } from './controller';

/**
 * The persistence state before saved work has loaded: one object, the controller's first state and the page's
 * server snapshot alike, so a part of the page that hydrates after the controller exists reads the same value
 * it was rendered with (an equal but different object would force it to re-render synchronously).
 */
export const LOADING_PERSISTENCE_STATE: PersistenceState = Object.freeze({ ready: false, status: 'idle', notices: [], library: [] });
