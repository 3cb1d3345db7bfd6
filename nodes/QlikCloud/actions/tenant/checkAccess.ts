/**
 * Tenant → Check Access: what the credential in use reaches, one output item per check (pass or
 * fail, what was found, and the fix), so that a workflow can test its access before bulk work.
 * Every check that talks to Qlik is a harmless read of at most one item; a failed check does not
 * stop the others.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { OperationExtension } from '../../shared/resource';
import { CREDENTIAL_TYPES, getCredentialType } from '../../transport';
import type { TransportSettings } from '../../transport';
import { describeHttpFailure } from '../../transport/errors';
import { api } from '../api';

type Status = 'pass' | 'fail';

export interface AccessCheck {
	check: string;
	status: Status;
	detail: string;
	fix?: string;
	[key: string]: unknown;
}

/** Fixes by HTTP status of a failed read; the check's own fix for 403. */
function fixFor(status: number | undefined, forbidden: string): string {
	if (status === 401)
		return 'The credential was refused: check it in n8n (a revoked or expired API key, or a wrong client secret).';
	if (status === 403) return forbidden;
	if (status === 404)
		return "This API is not on the tenant, or the tenant URL points at something else: check the credential's Tenant URL.";
	if (status === undefined)
		return "Qlik Cloud did not answer: check the credential's Tenant URL and that n8n can reach it.";
	return 'Qlik Cloud failed to answer; try again later.';
}

/** A read: its answer's body, or the failed check with the fix for its status. */
async function attempt(
	check: string,
	what: string,
	forbidden: string,
	read: () => Promise<{ body: unknown }>,
): Promise<{ body: IDataObject } | { failed: AccessCheck }> {
	try {
		return { body: ((await read()).body ?? {}) as IDataObject };
	} catch (error) {
		const failure = describeHttpFailure(error);
		return {
			failed: {
				check,
				status: 'fail',
				detail: `Cannot ${what}${failure.status ? ` (HTTP ${failure.status})` : ''}: ${failure.message}`,
				fix: fixFor(failure.status, forbidden),
			},
		};
	}
}

/** A read that passes when it answers. */
async function tryRead(
	check: string,
	what: string,
	forbidden: string,
	read: () => Promise<{ body: unknown }>,
): Promise<AccessCheck> {
	const answer = await attempt(check, what, forbidden, read);
	return 'failed' in answer ? answer.failed : { check, status: 'pass', detail: `Can ${what}` };
}

/** The `exp` claim of a JWT, without checking its signature (only its expiry is read). */
export function jwtExpiry(token: string): Date | undefined {
	const payload = token.split('.')[1];
	if (!payload) return undefined;
	try {
		const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as IDataObject;
		return typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : undefined;
	} catch {
		return undefined;
	}
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** An API key that ends within this many days fails its check, so that it is renewed in time. */
export const EXPIRY_WARNING_DAYS = 14;

export function apiKeyExpiryCheck(apiKey: string, now = Date.now()): AccessCheck {
	const check = 'API key expiry';
	const expiry = jwtExpiry(apiKey);
	if (!expiry)
		return { check, status: 'pass', detail: 'The API key states no expiry', expiresAt: null };
	const days = Math.floor((expiry.getTime() - now) / DAY_MS);
	const expiresAt = expiry.toISOString();
	if (expiry.getTime() <= now)
		return {
			check,
			status: 'fail',
			detail: `The API key expired on ${expiresAt}`,
			fix: 'Generate a new API key in Qlik Cloud (Profile settings → API keys) and put it in the credential.',
			expiresAt,
		};
	if (days < EXPIRY_WARNING_DAYS)
		return {
			check,
			status: 'fail',
			detail: `The API key expires in ${days} day(s), on ${expiresAt}`,
			fix: 'Generate a new API key before then and put it in the credential.',
			expiresAt,
		};
	return { check, status: 'pass', detail: `The API key expires on ${expiresAt}`, expiresAt };
}

/** Host names that only this machine or a private network can reach. */
const PRIVATE_HOST =
	/^(localhost|.*\.local|.*\.internal|.*\.localhost|127\.\d+\.\d+\.\d+|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|169\.254\.\d+\.\d+|0\.0\.0\.0|\[::1?\]|\[f[cd][0-9a-f:]*\]|[^.]+)$/i;

/** Whether Qlik Cloud can call webhooks at this n8n address: public and HTTPS. */
export function webhookUrlCheck(baseUrl: string | undefined): AccessCheck {
	const check = 'Webhook URL';
	const fix =
		"Serve n8n's webhooks at a public HTTPS address (WEBHOOK_URL, behind a reverse proxy or a tunnel), or start the workflow on a schedule instead of from Qlik's events.";
	let url: URL;
	try {
		url = new URL(String(baseUrl ?? ''));
	} catch {
		return { check, status: 'fail', detail: 'n8n did not tell its own address', fix };
	}
	const problems = [
		url.protocol !== 'https:' ? 'it is not HTTPS' : undefined,
		PRIVATE_HOST.test(url.hostname) ? 'its host is not public' : undefined,
	].filter(Boolean);
	return problems.length
		? {
				check,
				status: 'fail',
				detail: `Qlik Cloud cannot call ${url.origin}: ${problems.join(' and ')}`,
				fix,
				url: url.origin,
			}
		: { check, status: 'pass', detail: `Qlik Cloud can call ${url.origin}`, url: url.origin };
}

async function checks(
	ctx: IExecuteFunctions,
	i: number,
	settings: TransportSettings,
): Promise<AccessCheck[]> {
	const at = { itemIndex: i };
	const one = { qs: { limit: 1 } };
	const results: AccessCheck[] = [];

	const tenant = await attempt(
		'Tenant',
		'read the tenant',
		'The credential may not read its tenant; the checks below say more.',
		async () => await api.tenant.getCurrent.call(ctx, {}, settings, at),
	);
	if ('failed' in tenant) results.push(tenant.failed);
	else
		results.push({
			check: 'Tenant',
			status: 'pass',
			detail: `Signed in to tenant ${String(tenant.body.name ?? tenant.body.id)}`,
			tenantId: tenant.body.id,
			name: tenant.body.name,
			hostnames: tenant.body.hostnames,
		});

	const user = await attempt(
		'User',
		'read the user',
		'An OAuth client needs the user_default scope, or a user to impersonate.',
		async () => await api.user.getCurrent.call(ctx, {}, settings, at),
	);
	if ('failed' in user) results.push(user.failed);
	else {
		const roles = ((user.body.assignedRoles ?? []) as IDataObject[]).map((r) => String(r.name));
		results.push(
			{
				check: 'User',
				status: 'pass',
				detail: `Acting as ${String(user.body.name ?? user.body.subject ?? user.body.id)}`,
				userId: user.body.id,
				name: user.body.name,
				email: user.body.email,
			},
			roles.length
				? { check: 'Roles', status: 'pass', detail: roles.join(', '), roles }
				: {
						check: 'Roles',
						status: 'fail',
						detail: 'The user has no roles',
						fix: 'Ask a tenant admin to assign a role (for example Developer or Data Space Creator) in the Management Console.',
						roles,
					},
		);
	}

	results.push(
		await tryRead(
			'List spaces',
			'list spaces',
			'Give the user a role that can see spaces, or add it as a member of the spaces it works in.',
			async () => await api.space.getAll.call(ctx, one, settings, at),
		),
		await tryRead(
			'Data files',
			'list data files',
			'Give the user access to the spaces that hold the files (Can Consume Data or more), or a role that manages data files.',
			async () => await api.dataFile.getAll.call(ctx, one, settings, at),
		),
		await tryRead(
			'Data connections',
			'list data connections',
			'Give the user a role that manages data connections, or a space role (Can Edit or more) in their spaces.',
			async () => await api.dataConnection.getAll.call(ctx, one, settings, at),
		),
		await tryRead(
			'Admin APIs',
			'read the audit log (an admin API)',
			'Admin operations (users, roles, audits, tenant settings) need the Tenant Admin role or a matching admin role.',
			async () => await api.audit.getAll.call(ctx, one, settings, at),
		),
	);

	const credentialType = getCredentialType(ctx);
	if (credentialType === CREDENTIAL_TYPES.apiKey) {
		const credential = await ctx.getCredentials(credentialType, i);
		results.push(apiKeyExpiryCheck(String(credential.apiKey ?? '')));
	} else {
		results.push({
			check: 'API key expiry',
			status: 'pass',
			detail: 'The credential is OAuth: n8n renews its tokens, no API key to expire',
		});
	}

	// n8n gives a node its editor base URL, not WEBHOOK_URL; they are the same unless both are set.
	results.push(webhookUrlCheck(ctx.getInstanceBaseUrl?.()));
	return results;
}

export const checkAccess: OperationExtension = {
	properties: [],
	async execute(_spec, i, settings): Promise<INodeExecutionData[]> {
		return (await checks(this, i, settings)).map((json) => ({
			json: json as IDataObject,
			pairedItem: { item: i },
		}));
	},
};
