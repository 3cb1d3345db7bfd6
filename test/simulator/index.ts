/**
 * A stateful local Qlik Cloud tenant on 127.0.0.1 for tests and demos.
 *
 *   const sim = await startSimulator({ rateLimits: false });
 *   await fetch(`${sim.url}/api/v1/spaces`, { headers: { Authorization: `Bearer ${sim.credentials.apiKey}` } });
 *   await sim.close();
 */
import { SimCore } from './core';
import { allRoutes } from './routes';
import { emitInBackground, eventState, pendingDeliveries } from './events';
import { dataFilesHandle } from './routes/dataFiles';
import { genericRoutes, seedItem } from './routes/generic';
import { specs } from './openapi';
import { startServer } from './server';
import { makeIdentity } from './store';
import type { Route, Simulator, SimulatorOptions } from './types';

export type {
	FaultRule,
	Principal,
	RateLimitRule,
	RequestLogEntry,
	Route,
	RouteContext,
	RouteResult,
	SeededUser,
	Simulator,
	SimulatorCredentials,
	SimulatorDataFiles,
	SimulatorOptions,
	Tier,
} from './types';
export type { SimulatorState } from './store';
export { n8nCredentials, type N8nCredential } from './n8nCredentials';

export async function startSimulator(
	opts: SimulatorOptions = {},
	extraRoutes: Route[] = [],
): Promise<Simulator> {
	specs(); // the specs' index, read once per process: requests are checked against Qlik's specs
	const identity = makeIdentity(opts.demo === true, opts.redirectUris);
	const core = new SimCore(identity, opts);
	// Hand-written routes (and a test's own) first; the tables' other operations after them.
	const own = [...allRoutes, ...extraRoutes];
	const routes = [...own, ...genericRoutes(own)];
	const running = await startServer(core, routes, opts.port ?? 0);
	const url = `http://127.0.0.1:${running.port}`;
	core.url = url;

	const client = (clientId: string) => {
		const record = core.state.clients.get(clientId);
		if (!record) throw new Error(`Unknown OAuth client ${clientId}`);
		return record;
	};
	const interactiveUris = identity.redirectUris[identity.interactive.clientId];
	const confidentialUris = identity.redirectUris[identity.interactiveConfidential.clientId];

	const sim: Simulator = {
		url,
		port: running.port,
		credentials: {
			tenantUrl: url,
			apiKey: identity.apiKey,
			m2m: { ...identity.m2m },
			interactive: { clientId: identity.interactive.clientId, redirectUris: interactiveUris },
			interactiveConfidential: {
				...identity.interactiveConfidential,
				redirectUris: confidentialUris,
			},
			users: {
				admin: { ...identity.users.admin },
				member: { ...identity.users.member },
				bot: { ...identity.users.bot },
			},
			groups: { ...identity.groups },
		},
		get log() {
			return core.log;
		},
		clearLog: () => {
			core.log.length = 0;
		},
		addFault: (rule) => core.faults.add(rule),
		clearFaults: () => core.faults.clear(),
		setRateLimits: (rules) => core.limiter.set(rules),
		setTokenTtl: (seconds) => {
			if (!(seconds >= 0)) throw new Error('Token TTL must be a number of seconds ≥ 0');
			core.tokenTtlSeconds = seconds;
		},
		setTokenMaxRequests: (requests) => {
			if (!(requests >= 0)) throw new Error('Token request limit must be a number ≥ 0');
			core.tokenMaxRequests = requests;
		},
		expireAllTokens: () => core.expireAllTokens(),
		registerRedirectUri: (clientId, uri) => {
			const record = client(clientId);
			new URL(uri); // must be absolute
			// The seeded clients share their list with the identity, so reset() keeps it.
			const list = identity.redirectUris[clientId] ?? record.redirectUris;
			if (!list.includes(uri)) list.push(uri);
		},
		get state() {
			return core.state;
		},
		seed: (path, object) => seedItem(core, path, object),
		events: {
			webhooks: () => [...eventState(core).webhooks.values()],
			deliveries: (id) => [...(eventState(core).deliveries.get(id) ?? [])],
			emit: (event) => emitInBackground(core, event),
			settle: async () => {
				while (pendingDeliveries.size) await Promise.all([...pendingDeliveries]);
			},
			setReloadOutcome: (id, outcome) => eventState(core).reloadOutcomes.set(id, outcome),
			setReloadTimes: (times) => {
				core.options.reloadTimes = times;
			},
			reloadsOf: (appId) =>
				[...eventState(core).reloads.values()].filter((r) => r.appId === appId).map((r) => r.id),
			notifications: () => [...eventState(core).notifications],
		},
		dataFiles: dataFilesHandle(core),
		reset: () => core.reset(),
		close: async () => {
			await running.close();
			dataFilesHandle(core).close();
		},
	};
	if (!opts.quiet) console.log(`[qlik-sim] Qlik Cloud simulator listening on ${url}`);
	return sim;
}
