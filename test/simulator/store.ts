/**
 * The tenant's state: plain records in insertion-ordered maps, so tests can read (and poke) them
 * through `sim.state`. Seeding is a pure function of a `SeedIdentity` made once per simulator,
 * so `reset()` restores the same users, clients and secrets.
 */
import { createHash, randomBytes } from 'node:crypto';

export type SpaceType = 'shared' | 'managed' | 'data';

export interface UserRecord {
	id: string;
	subject: string;
	name: string;
	email: string;
	status: 'active' | 'invited' | 'disabled' | 'deleted' | 'provisioned';
	roles: string[];
	groupIds: string[];
	/** Bot user of an M2M OAuth client. */
	clientId?: string;
	createdAt: string;
	lastUpdatedAt: string;
}

export interface GroupRecord {
	id: string;
	name: string;
	description?: string;
	status: 'active' | 'disabled';
	providerType: 'idp' | 'custom';
	roles: string[];
	createdAt: string;
	lastUpdatedAt: string;
	createdBy?: string;
}

export interface SpaceRecord {
	id: string;
	name: string;
	type: SpaceType;
	description: string;
	ownerId: string;
	createdAt: string;
	createdBy: string;
	updatedAt: string;
}

export interface AssignmentRecord {
	id: string;
	spaceId: string;
	type: 'user' | 'group' | 'bot';
	assigneeId: string;
	roles: string[];
	createdAt: string;
	createdBy: string;
	updatedAt: string;
	updatedBy: string;
}

export interface ShareRecord {
	id: string;
	spaceId: string;
	type: 'user' | 'group' | 'link';
	assigneeId: string;
	resourceId: string;
	resourceType: string;
	resourceName?: string;
	roles: string[];
	disabled: boolean;
	createdAt: string;
	createdBy: string;
	updatedAt: string;
	updatedBy: string;
}

export interface ApiKeyRecord {
	id: string;
	key: string;
	userId: string;
	description: string;
	/** ms epoch; undefined = never. */
	expiresAt?: number;
	revoked: boolean;
}

export interface OAuthClientRecord {
	clientId: string;
	/** undefined for public (SPA/native) clients. */
	clientSecret?: string;
	name: string;
	appType: 'web' | 'spa' | 'native';
	allowedGrantTypes: string[];
	allowedScopes: string[];
	redirectUris: string[];
	/** The client's bot user (M2M). */
	botUserId?: string;
}

export interface AccessTokenRecord {
	id: string;
	token: string;
	clientId: string;
	userId: string;
	scope: string;
	grantType: string;
	issuedAt: number;
	expiresAt: number;
	revoked: boolean;
	/** Issued from this authorization code (revoked if the code is replayed). */
	fromCode?: string;
}

export interface RefreshTokenRecord {
	id: string;
	token: string;
	clientId: string;
	userId: string;
	scope: string;
	issuedAt: number;
	revoked: boolean;
	fromCode?: string;
}

export interface AuthCodeRecord {
	code: string;
	clientId: string;
	userId: string;
	redirectUri: string;
	scope: string;
	codeChallenge: string;
	expiresAt: number;
	used: boolean;
}

export type GenericObject = Record<string, unknown>;

export interface StoredFile {
	data: Buffer;
	contentType: string;
	filename?: string;
}

/** The built-in roles: `GET /api/v1/roles` lists them, and `{ id }` references resolve. */
export const BUILT_IN_ROLES = [
	'TenantAdmin',
	'AnalyticsAdmin',
	'DataAdmin',
	'AuditAdmin',
	'AccessAdmin',
	'Developer',
	'Steward',
	'SharedSpaceCreator',
	'ManagedSpaceCreator',
	'DataSpaceCreator',
	'PrivateAnalyticsContentCreator',
	'DataServicesContributor',
	'AutomationCreator',
	'AutomlExperimentContributor',
	'AutomlDeploymentContributor',
	'EmbeddedAnalyticsUser',
];

/** Stable ids for the built-in roles (like Qlik's, the same in every tenant). */
export const roleId = (name: string) =>
	createHash('sha1').update(`role:${name}`).digest('hex').slice(0, 24);

export const roleRef = (name: string) => ({
	id: roleId(name),
	name,
	type: 'default',
	level: name === 'TenantAdmin' || name.endsWith('Admin') ? 'admin' : 'user',
});

/** What the generic routes (routes/generic.ts) keep, by concrete path. */
export interface GenericState {
	/** Collection path (e.g. /api/v1/glossaries/abc/terms) → id → object, in creation order. */
	items: Map<string, Map<string, GenericObject>>;
	/** What PUT/PATCH wrote to a path that is no collection item (settings). */
	singletons: Map<string, GenericObject>;
	/** Uploaded files, given back by a download of the same path or item. */
	files: Map<string, StoredFile>;
}

export interface SimulatorState {
	tenantId: string;
	users: Map<string, UserRecord>;
	groups: Map<string, GroupRecord>;
	spaces: Map<string, SpaceRecord>;
	assignments: Map<string, AssignmentRecord>;
	shares: Map<string, ShareRecord>;
	/** Keyed by the key's value. */
	apiKeys: Map<string, ApiKeyRecord>;
	clients: Map<string, OAuthClientRecord>;
	/** Keyed by the token's value. */
	accessTokens: Map<string, AccessTokenRecord>;
	refreshTokens: Map<string, RefreshTokenRecord>;
	authCodes: Map<string, AuthCodeRecord>;
	generic: GenericState;
}

// ---------------------------------------------------------------------------------------------
// ids and secrets (always random, never derived from anything predictable)

/** 24-hex id like Qlik's (Mongo ObjectId: 4-byte time + 8 random bytes). */
export function objectId(): string {
	const time = Math.floor(Date.now() / 1000)
		.toString(16)
		.padStart(8, '0');
	return time + randomBytes(8).toString('hex');
}

export const secret = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const hex = (bytes: number) => randomBytes(bytes).toString('hex');

// ---------------------------------------------------------------------------------------------
// seed

export const USER_SCOPES = [
	'user_default',
	'offline_access',
	'apps',
	'apps:read',
	'spaces:read',
	'spaces.data:read',
	'spaces.managed:read',
	'spaces.shared:read',
	'identity.name:read',
	'identity.email:read',
	'identity.subject:read',
	'identity.picture:read',
];
export const ADMIN_SCOPES = ['admin_classic', 'admin.apps', 'admin.apps:read', 'admin.spaces'];

export interface SeedIdentity {
	tenantId: string;
	apiKey: string;
	apiKeyId: string;
	users: Record<
		'admin' | 'member' | 'bot',
		{ id: string; subject: string; name: string; email: string }
	>;
	groups: Record<'analysts', string>;
	m2m: { clientId: string; clientSecret: string };
	interactive: { clientId: string };
	interactiveConfidential: { clientId: string; clientSecret: string };
	/** Redirect URIs of both interactive clients (grows with registerRedirectUri). */
	redirectUris: Record<string, string[]>;
	demo: boolean;
}

export const DEFAULT_REDIRECT_URIS = [
	'http://localhost:5678/rest/oauth2-credential/callback',
	'http://127.0.0.1:5678/rest/oauth2-credential/callback',
];

export function makeIdentity(demo: boolean, extraRedirects: string[] = []): SeedIdentity {
	const m2mId = hex(16);
	const interactiveId = hex(16);
	const confidentialId = hex(16);
	const redirects = [...new Set([...DEFAULT_REDIRECT_URIS, ...extraRedirects])];
	return {
		tenantId: secret(24),
		apiKey: secret(48),
		apiKeyId: objectId(),
		users: {
			admin: {
				id: objectId(),
				subject: `auth0|${hex(12)}`,
				name: 'Ada Admin',
				email: 'ada.admin@example.com',
			},
			member: {
				id: objectId(),
				subject: `auth0|${hex(12)}`,
				name: 'Max Member',
				email: 'max.member@example.com',
			},
			bot: {
				id: objectId(),
				subject: `qlikbot\\${m2mId}`,
				name: 'n8n machine-to-machine client',
				email: '',
			},
		},
		groups: { analysts: objectId() },
		m2m: { clientId: m2mId, clientSecret: secret(48) },
		interactive: { clientId: interactiveId },
		interactiveConfidential: { clientId: confidentialId, clientSecret: secret(48) },
		redirectUris: { [interactiveId]: [...redirects], [confidentialId]: [...redirects] },
		demo,
	};
}

const DEMO_USERS: Array<[string, string]> = [
	['Grace Analyst', 'grace.analyst@example.com'],
	['Linus Engineer', 'linus.engineer@example.com'],
	['Mira Steward', 'mira.steward@example.com'],
	['Omar Viewer', 'omar.viewer@example.com'],
];

export function seedState(identity: SeedIdentity): SimulatorState {
	const now = new Date().toISOString();
	const state: SimulatorState = {
		tenantId: identity.tenantId,
		users: new Map(),
		groups: new Map(),
		spaces: new Map(),
		assignments: new Map(),
		shares: new Map(),
		apiKeys: new Map(),
		clients: new Map(),
		accessTokens: new Map(),
		refreshTokens: new Map(),
		authCodes: new Map(),
		generic: {
			items: new Map([
				['/api/v1/roles', new Map(BUILT_IN_ROLES.map((r) => [roleId(r), roleRef(r)]))],
			]),
			singletons: new Map(),
			files: new Map(),
		},
	};
	const { admin, member, bot } = identity.users;
	const analysts = identity.groups.analysts;
	const user = (u: typeof admin, roles: string[], groupIds: string[] = [], clientId?: string) =>
		state.users.set(u.id, {
			...u,
			status: 'active',
			roles,
			groupIds,
			...(clientId ? { clientId } : {}),
			createdAt: now,
			lastUpdatedAt: now,
		});
	user(admin, ['TenantAdmin', 'Developer']);
	user(member, ['SharedSpaceCreator', 'ManagedSpaceCreator', 'DataSpaceCreator'], [analysts]);
	user(bot, ['TenantAdmin'], [], identity.m2m.clientId);
	state.groups.set(analysts, {
		id: analysts,
		name: 'Analysts',
		description: 'People who build and read apps',
		status: 'active',
		providerType: 'custom',
		roles: [],
		createdAt: now,
		lastUpdatedAt: now,
	});

	state.apiKeys.set(identity.apiKey, {
		id: identity.apiKeyId,
		key: identity.apiKey,
		userId: admin.id,
		description: 'Simulator admin key',
		revoked: false,
	});

	const userScopes = [...USER_SCOPES, ...ADMIN_SCOPES];
	state.clients.set(identity.m2m.clientId, {
		clientId: identity.m2m.clientId,
		clientSecret: identity.m2m.clientSecret,
		name: 'n8n machine-to-machine',
		appType: 'web',
		allowedGrantTypes: ['client_credentials', 'urn:qlik:oauth:user-impersonation'],
		allowedScopes: userScopes.filter((s) => s !== 'offline_access'),
		redirectUris: [],
		botUserId: bot.id,
	});
	state.clients.set(identity.interactive.clientId, {
		clientId: identity.interactive.clientId,
		name: 'n8n interactive (public)',
		appType: 'spa',
		allowedGrantTypes: ['authorization_code', 'refresh_token'],
		allowedScopes: userScopes,
		redirectUris: identity.redirectUris[identity.interactive.clientId],
	});
	state.clients.set(identity.interactiveConfidential.clientId, {
		clientId: identity.interactiveConfidential.clientId,
		clientSecret: identity.interactiveConfidential.clientSecret,
		name: 'n8n interactive (web)',
		appType: 'web',
		allowedGrantTypes: ['authorization_code', 'refresh_token'],
		allowedScopes: userScopes,
		redirectUris: identity.redirectUris[identity.interactiveConfidential.clientId],
	});

	if (identity.demo) seedDemo(state, identity, now);
	return state;
}

function seedDemo(state: SimulatorState, identity: SeedIdentity, now: string) {
	const admin = identity.users.admin.id;
	const ids: string[] = [];
	for (const [name, email] of DEMO_USERS) {
		const id = objectId();
		ids.push(id);
		state.users.set(id, {
			id,
			subject: `auth0|${hex(12)}`,
			name,
			email,
			status: 'active',
			roles: [],
			groupIds: [],
			createdAt: now,
			lastUpdatedAt: now,
		});
	}
	const groups: Record<string, string> = {};
	for (const name of ['Finance', 'Sales', 'Data Engineering']) {
		const id = objectId();
		groups[name] = id;
		state.groups.set(id, {
			id,
			name,
			status: 'active',
			providerType: 'idp',
			roles: [],
			createdAt: now,
			lastUpdatedAt: now,
		});
	}
	state.users.get(ids[0])?.groupIds.push(groups.Finance, groups.Sales);
	state.users.get(ids[1])?.groupIds.push(groups['Data Engineering']);
	state.users.get(ids[2])?.groupIds.push(groups['Data Engineering']);
	state.users.get(ids[3])?.groupIds.push(groups.Sales);

	const space = (name: string, type: SpaceType, description: string) => {
		const id = objectId();
		state.spaces.set(id, {
			id,
			name,
			type,
			description,
			ownerId: admin,
			createdAt: now,
			createdBy: admin,
			updatedAt: now,
		});
		return id;
	};
	const assign = (spaceId: string, type: 'user' | 'group', assigneeId: string, roles: string[]) => {
		const id = objectId();
		state.assignments.set(id, {
			id,
			spaceId,
			type,
			assigneeId,
			roles,
			createdAt: now,
			createdBy: admin,
			updatedAt: now,
			updatedBy: admin,
		});
	};
	const finance = space('Finance', 'shared', 'Budgets and forecasts');
	assign(finance, 'group', groups.Finance, ['producer', 'consumer']);
	assign(finance, 'user', identity.users.member.id, ['consumer']);
	const sales = space('Sales Analytics', 'managed', 'Published sales dashboards');
	assign(sales, 'group', groups.Sales, ['consumer']);
	assign(sales, 'user', ids[0], ['publisher', 'contributor']);
	const landing = space('Data Landing', 'data', 'Raw files from source systems');
	assign(landing, 'group', groups['Data Engineering'], ['producer', 'dataconsumer']);
	assign(landing, 'user', ids[2], ['facilitator']);
}
