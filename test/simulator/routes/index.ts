/**
 * Every route the simulator serves. A new API area is one more file exporting `Route[]`
 * (method, path pattern, tier from the spec's x-qlik-tier, handler), added here.
 */
import type { Route } from '../types';
import { auditRoutes } from './audits';
import { catalogStoreRoutes } from './catalogStores';
import { dataConnectionRoutes } from './dataConnections';
import { dataFileRoutes } from './dataFiles';
import { dataSourceRoutes } from './dataSources';
import { demoRoutes } from './demo';
import { groupRoutes } from './groups';
import { oauthRoutes } from './oauth';
import { reloadRoutes } from './reloads';
import { schedulingRunRoutes } from './schedulingRuns';
import { spaceRoutes } from './spaces';
import { tempContentRoutes } from './tempContents';
import { userRoutes } from './users';
import { webhookRoutes } from './webhooks';

export const allRoutes: Route[] = [
	...oauthRoutes,
	...userRoutes,
	...groupRoutes,
	...spaceRoutes,
	...webhookRoutes,
	...reloadRoutes,
	...auditRoutes,
	...schedulingRunRoutes,
	...dataConnectionRoutes,
	...dataSourceRoutes,
	...dataFileRoutes,
	...tempContentRoutes,
	...catalogStoreRoutes,
	...demoRoutes,
];
