import type { Route } from '../simulator/types';
import {
	n8nCredentials,
	startSimulator,
	type Simulator,
	type SimulatorOptions,
} from '../simulator';
import type { StoredCredential } from './n8n';

/** Starts a simulator for one test file; rate limits off unless the test asks for them. */
export function useSimulator(
	options: SimulatorOptions = {},
	extraRoutes: Route[] = [],
): () => Simulator {
	let sim: Simulator | undefined;
	beforeAll(async () => {
		sim = await startSimulator({ quiet: true, rateLimits: false, ...options }, extraRoutes);
	});
	afterAll(async () => {
		await sim?.close();
	});
	return () => {
		if (!sim) throw new Error('simulator not started');
		return sim;
	};
}

export const apiKeyCredential = (sim: Simulator): StoredCredential =>
	n8nCredentials(sim).apiKey() as StoredCredential;

export const m2mCredential = (
	sim: Simulator,
	impersonate?: { field: 'subject' | 'userId'; value: string },
): StoredCredential => {
	const credential = n8nCredentials(sim).m2m(impersonate) as StoredCredential;
	credential.data.accessToken = '';
	return credential;
};

/** Requests the simulator received for a method and path (regex or exact). */
export function requests(sim: Simulator, method: string, path: string | RegExp) {
	return sim.log.filter(
		(entry) =>
			entry.method === method &&
			(typeof path === 'string' ? entry.path === path : path.test(entry.path)),
	);
}
