/**
 * Every route the simulator serves. A new API area is one more file exporting `Route[]`
 * (method, path pattern, tier from the spec's x-qlik-tier, handler), added here.
 */
import type { Route } from '../types';
import { groupRoutes } from './groups';
import { oauthRoutes } from './oauth';
import { spaceRoutes } from './spaces';
import { userRoutes } from './users';

export const allRoutes: Route[] = [...oauthRoutes, ...userRoutes, ...groupRoutes, ...spaceRoutes];
