import type { Route } from '../simulator/types';
import {
	n8nCredentials,
	startSimulator,
	type Simulator,
	type SimulatorOptions,
} from '../simulator';
import type { IDataObject } from 'n8n-workflow';

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

/**
 * A JSON call to the simulator with its API key, for setting up and checking what the node
 * did; anything but 2xx throws with the answer.
 */
export async function simApi(
	sim: Simulator,
	method: string,
	path: string,
	body?: unknown,
): Promise<IDataObject> {
	const answer = await fetch(`${sim.url}${path}`, {
		method,
		headers: {
			Authorization: `Bearer ${sim.credentials.apiKey}`,
			'Content-Type': 'application/json',
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${await answer.text()}`);
	return answer.status === 204 ? {} : ((await answer.json()) as IDataObject);
}
