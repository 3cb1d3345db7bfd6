/**
 * Naming policy for the generated operation tables: how Qlik's APIs map onto the node's
 * resources, and the few operation names the rules get wrong. Facts (paths, methods, fields)
 * come from the specs; the words here are ours.
 */

export interface ResourceRule {
	/** n8n resource value (singular camelCase). */
	resource: string;
	displayName: string;
	/** Paths (after the spec's prefix) that belong to this resource; the first match wins. */
	match?: RegExp;
	/** Our one-line description of the resource for the Resource dropdown. */
	description?: string;
}

export interface SpecRule {
	spec: string;
	/** Sub-resources first, the spec's main resource last (without `match`). */
	resources: ResourceRule[];
	/** `METHOD path` → operation value, where the rules give a poor or clashing name. */
	names?: Record<string, string>;
}

/**
 * Resources without a list of their own that a hand-written list search offers anyway (apps are
 * listed through the items API), so that their IDs are resource locators.
 */
export const LISTED_ELSEWHERE = new Set(['app']);

export const SPEC_RULES: SpecRule[] = [
	{
		spec: 'spaces.json',
		resources: [
			{
				resource: 'spaceAssignment',
				displayName: 'Space Assignment',
				match: /^\/api\/v1\/spaces\/\{spaceId\}\/assignments/,
				description: 'Members of a space and their roles',
			},
			{
				resource: 'spaceShare',
				displayName: 'Space Share',
				match: /^\/api\/v1\/spaces\/\{spaceId\}\/shares/,
				description: 'Single items of a space shared with users, groups or links',
			},
			{ resource: 'space', displayName: 'Space' },
		],
	},
	{
		spec: 'data-connections.json',
		resources: [{ resource: 'dataConnection', displayName: 'Data Connection' }],
	},
	{
		spec: 'data-credentials.json',
		resources: [{ resource: 'dataCredential', displayName: 'Data Credential' }],
		names: { 'POST /api/v1/data-credentials/actions/filter-orphan': 'getOrphans' },
	},
	{
		spec: 'data-sources.json',
		resources: [{ resource: 'dataSource', displayName: 'Data Source' }],
		names: {
			'GET /api/v1/data-sources': 'getAll',
			'GET /api/v1/data-sources/{dataSourceId}/api-specs': 'getApiSpecs',
		},
	},
	{
		spec: 'data-files.json',
		resources: [{ resource: 'dataFile', displayName: 'Data File' }],
		names: {
			'GET /api/v1/data-files/connections': 'getAllConnections',
			'GET /api/v1/data-files/connections/{id}': 'getConnection',
			'GET /api/v1/data-files/quotas': 'getQuotas',
		},
	},
	{
		spec: 'temp-contents.json',
		resources: [{ resource: 'tempContent', displayName: 'Temporary Content' }],
		names: {
			'POST /api/v1/temp-contents': 'upload',
			'GET /api/v1/temp-contents/{id}': 'download',
			'POST /api/v1/temp-contents/files': 'createResumableUpload',
			'PATCH /api/v1/temp-contents/files/{id}': 'uploadChunk',
		},
	},
	{
		spec: 'data-stores.json',
		resources: [{ resource: 'dataStore', displayName: 'Data Store' }],
		names: {
			'GET /api/v1/data-stores/{data-store-ids}/data-assets/{data-asset-ids}/data-sets':
				'getAllDataSets',
			'DELETE /api/v1/data-stores/{data-store-ids}/data-assets/{data-asset-ids}/data-sets':
				'deleteDataSets',
			'GET /api/v1/data-stores/{data-store-ids}/data-assets': 'getAllDataAssets',
			'DELETE /api/v1/data-stores/{data-store-ids}/data-assets': 'deleteDataAssets',
		},
	},
	{ spec: 'data-assets.json', resources: [{ resource: 'dataAsset', displayName: 'Data Asset' }] },
	{ spec: 'data-sets.json', resources: [{ resource: 'dataSet', displayName: 'Data Set' }] },
	{
		spec: 'items.json',
		resources: [{ resource: 'item', displayName: 'Item', description: 'The catalog of content' }],
		names: { 'GET /api/v1/items/{itemId}/publisheditems': 'getAllPublishedItems' },
	},
	{
		spec: 'users.json',
		resources: [{ resource: 'user', displayName: 'User' }],
		names: {
			'GET /api/v1/users/me': 'getCurrent',
			'POST /api/v1/users/actions/filter': 'search',
		},
	},
	{
		spec: 'groups.json',
		resources: [{ resource: 'group', displayName: 'Group' }],
		names: { 'POST /api/v1/groups/actions/filter': 'search' },
	},
	{ spec: 'roles.json', resources: [{ resource: 'role', displayName: 'Role' }] },
	{
		spec: 'api-keys.json',
		resources: [{ resource: 'apiKey', displayName: 'API Key' }],
		names: {
			'GET /api/v1/api-keys/configs/{tenantId}': 'getConfig',
			'PATCH /api/v1/api-keys/configs/{tenantId}': 'updateConfig',
		},
	},
	{
		spec: 'oauth-clients.json',
		resources: [{ resource: 'oauthClient', displayName: 'OAuth Client' }],
		names: {
			'GET /api/v1/oauth-clients/{id}/connection-configs/me': 'getMyConnectionConfig',
			'DELETE /api/v1/oauth-clients/{id}/connection-configs/me': 'deleteMyConnectionConfig',
			'PATCH /api/v1/oauth-clients/{id}/connection-configs/me': 'updateMyConnectionConfig',
		},
	},
	{
		spec: 'oauth-tokens.json',
		resources: [{ resource: 'oauthToken', displayName: 'OAuth Token' }],
	},
	{
		spec: 'identity-providers.json',
		resources: [{ resource: 'identityProvider', displayName: 'Identity Provider' }],
		names: {
			'GET /api/v1/identity-providers/.well-known/metadata.json': 'getTenantIdpMetadata',
			'GET /api/v1/identity-providers/me/meta': 'getActive',
		},
	},
	{
		spec: 'core-auth-settings.json',
		resources: [{ resource: 'authSetting', displayName: 'Auth Setting' }],
	},
	{
		spec: 'core-ip-policies.json',
		resources: [{ resource: 'ipPolicy', displayName: 'IP Policy' }],
	},
	{
		spec: 'csp-origins.json',
		resources: [{ resource: 'cspOrigin', displayName: 'CSP Origin' }],
		names: { 'GET /api/v1/csp-origins/actions/generate-header': 'generateHeader' },
	},
	{
		spec: 'tenants.json',
		resources: [{ resource: 'tenant', displayName: 'Tenant' }],
		names: { 'GET /api/v1/tenants/me': 'getCurrent' },
	},
	{
		spec: 'tenant-settings.json',
		resources: [{ resource: 'tenantSetting', displayName: 'Tenant Setting' }],
		names: {
			'DELETE /api/v1/tenant-settings': 'delete',
			'POST /api/v1/tenant-settings/actions/toggle-cross-region-data-processing':
				'toggleCrossRegionDataProcessing',
		},
	},
	{
		spec: 'licenses.json',
		resources: [{ resource: 'license', displayName: 'License' }],
		names: {
			'GET /api/v1/licenses/assignments': 'getAllAssignments',
			'POST /api/v1/licenses/assignments/actions/add': 'assign',
			'POST /api/v1/licenses/assignments/actions/delete': 'unassign',
			'POST /api/v1/licenses/assignments/actions/update': 'changeLicenseType',
			'GET /api/v1/licenses/consumption': 'getConsumption',
		},
	},
	{ spec: 'quotas.json', resources: [{ resource: 'quota', displayName: 'Quota' }] },
	{
		spec: 'consumption.json',
		resources: [{ resource: 'consumption', displayName: 'Consumption' }],
	},
	{
		spec: 'banners.json',
		resources: [{ resource: 'banner', displayName: 'Banner' }],
		names: { 'POST /api/v1/banners/actions/upsert': 'createOrUpdate' },
	},
	{
		spec: 'brands.json',
		resources: [{ resource: 'brand', displayName: 'Brand' }],
		names: {
			'GET /api/v1/brands/{brand-id}/files/{brand-file-id}': 'getFile',
			'PUT /api/v1/brands/{brand-id}/files/{brand-file-id}': 'replaceFile',
			'POST /api/v1/brands/{brand-id}/files/{brand-file-id}': 'createFile',
			'DELETE /api/v1/brands/{brand-id}/files/{brand-file-id}': 'deleteFile',
		},
	},
	{
		spec: 'themes.json',
		resources: [{ resource: 'theme', displayName: 'Theme' }],
		names: {
			'GET /api/v1/themes/{id}/file': 'download',
			'GET /api/v1/themes/{id}/file/{filepath}': 'getFile',
		},
	},
	{
		spec: 'extensions.json',
		resources: [{ resource: 'extension', displayName: 'Extension' }],
		names: {
			'GET /api/v1/extensions/{id}/file': 'download',
			'GET /api/v1/extensions/{id}/file/{filepath}': 'getFile',
		},
	},
	{
		spec: 'web-integrations.json',
		resources: [{ resource: 'webIntegration', displayName: 'Web Integration' }],
	},
	{
		spec: 'encryption.json',
		resources: [{ resource: 'encryptionKeyProvider', displayName: 'Encryption Key Provider' }],
		names: {
			'GET /api/v1/encryption/keyproviders': 'getAll',
			'GET /api/v1/encryption/keyproviders/actions/list': 'getAllDetailed',
			'POST /api/v1/encryption/keyproviders/actions/reset-to-default-provider':
				'resetToQlikManagedKey',
			'GET /api/v1/encryption/keyproviders/migration/actions/details': 'getMigrationDetails',
		},
	},
	{
		spec: 'transports.json',
		resources: [{ resource: 'emailConfig', displayName: 'Email Configuration' }],
		names: { 'DELETE /api/v1/transports/email-config': 'delete' },
	},
	{
		spec: 'ui-config.json',
		resources: [{ resource: 'pinnedLink', displayName: 'Pinned Link' }],
		names: {
			'POST /api/v1/ui-config/pinned-links/actions/bulk-create-pinned-links': 'createMany',
			'POST /api/v1/ui-config/pinned-links/actions/delete-all-pinned-links': 'deleteAll',
		},
	},
	{
		spec: 'apps.json',
		resources: [
			{
				resource: 'appEvaluation',
				displayName: 'App Evaluation',
				match: /^\/api\/v1\/apps\/(\{guid\}\/)?evaluations/,
			},
			{
				resource: 'appMedia',
				displayName: 'App Media',
				match: /^\/api\/v1\/apps\/\{appId\}\/media/,
			},
			{
				resource: 'appReportFilter',
				displayName: 'App Report Filter',
				match: /^\/api\/v1\/apps\/\{appId\}\/report-filters/,
			},
			{
				resource: 'appScript',
				displayName: 'App Script',
				match: /^\/api\/v1\/apps\/\{appId\}\/scripts/,
			},
			{ resource: 'app', displayName: 'App' },
		],
		names: {
			'POST /api/v1/apps/{appId}/objects/{objectId}/actions/change-owner': 'changeObjectOwner',
			'PUT /api/v1/apps/{appId}/owner': 'changeOwner',
			'PUT /api/v1/apps/{appId}/space': 'changeSpace',
			'DELETE /api/v1/apps/{appId}/space': 'moveToPersonalSpace',
			'PUT /api/v1/apps/{appId}/publish': 'republish',
			'GET /api/v1/apps/{appId}/data/lineage': 'getLineage',
			'GET /api/v1/apps/{appId}/data/metadata': 'getDataModelMetadata',
			'GET /api/v1/apps/{appId}/insight-analyses': 'getInsightAnalyses',
			'POST /api/v1/apps/{appId}/insight-analyses/actions/recommend': 'recommendInsights',
			'GET /api/v1/apps/{appId}/insight-analyses/model': 'getInsightModel',
			'GET /api/v1/apps/{appId}/reloads/logs': 'getReloadLogs',
			'GET /api/v1/apps/{appId}/reloads/logs/{reloadId}': 'getReloadLog',
			'GET /api/v1/apps/{appId}/reloads/metadata/{reloadId}': 'getReloadMetadata',
			'POST /api/v1/apps/validatescript': 'validateScript',
			'GET /api/v1/apps/{appId}/media/files/{path}': 'download',
			'PUT /api/v1/apps/{appId}/media/files/{path}': 'upload',
			'DELETE /api/v1/apps/{appId}/media/files/{path}': 'delete',
			'GET /api/v1/apps/{appId}/media/list/{path}': 'getAll',
			'GET /api/v1/apps/{appId}/media/thumbnail': 'getThumbnail',
			'GET /api/v1/apps/{guid}/evaluations': 'getAll',
			'POST /api/v1/apps/{guid}/evaluations': 'create',
			'GET /api/v1/apps/evaluations/{baseid}/actions/compare/{comparisonid}': 'compare',
			'GET /api/v1/apps/evaluations/{baseid}/actions/compare/{comparisonid}/actions/download':
				'downloadComparison',
			'GET /api/v1/apps/evaluations/{id}': 'get',
			'GET /api/v1/apps/evaluations/{id}/actions/download': 'download',
			'GET /api/v1/apps/{appId}/report-filters/actions/count': 'count',
			'GET /api/v1/apps/{appId}/scripts': 'getAll',
		},
	},
	{
		spec: 'collections.json',
		resources: [
			{
				resource: 'collectionItem',
				displayName: 'Collection Item',
				match: /^\/api\/v1\/collections\/\{collectionId\}\/items/,
			},
			{ resource: 'collection', displayName: 'Collection' },
		],
		names: { 'GET /api/v1/collections/favorites': 'getFavorites' },
	},
	{
		spec: 'notes.json',
		resources: [{ resource: 'notesSetting', displayName: 'Notes Setting' }],
	},
	{
		spec: 'reloads.json',
		resources: [{ resource: 'reload', displayName: 'Reload' }],
		names: { 'POST /api/v1/reloads': 'start' },
	},
	{
		spec: 'reload-tasks.json',
		resources: [{ resource: 'reloadTask', displayName: 'Reload Task' }],
	},
	{
		spec: 'tasks.json',
		resources: [{ resource: 'task', displayName: 'Task' }],
		names: {
			'GET /api/v1/tasks/{id}/runs/{runId}/log': 'getRunLog',
			'GET /api/v1/tasks/{id}/runs/last': 'getLastRun',
			'GET /api/v1/tasks/resources/{id}/runs': 'getAppRuns',
		},
	},
	{
		spec: 'scheduling-tasks.json',
		resources: [{ resource: 'schedulingTask', displayName: 'Scheduling Task' }],
		names: {
			'GET /api/scheduling/tasks/{id}/runs/{runId}/log': 'getRunLog',
			'GET /api/scheduling/tasks/{id}/runs/last': 'getLastRun',
			'GET /api/scheduling/tasks/resources/{id}/runs': 'getAppRuns',
			'GET /api/scheduling/tasks/{id}/graphs/ancestors': 'getUpstreamTasks',
			'GET /api/scheduling/tasks/{id}/graphs/children': 'getChildTasks',
			'GET /api/scheduling/tasks/{id}/graphs/descendants': 'getDownstreamTasks',
			'GET /api/scheduling/tasks/{id}/graphs/parents': 'getParentTasks',
			'GET /api/scheduling/tasks/{id}/graphs/subgraph': 'getTaskChain',
		},
	},
	{
		spec: 'reports.json',
		resources: [{ resource: 'report', displayName: 'Report' }],
	},
	{
		spec: 'report-templates.json',
		resources: [{ resource: 'reportTemplate', displayName: 'Report Template' }],
	},
	{
		spec: 'sharing-tasks.json',
		resources: [{ resource: 'sharingTask', displayName: 'Sharing Task' }],
		names: {
			'GET /api/v1/sharing-tasks/{taskId}/executions/{executionId}/files/{fileAlias}':
				'downloadExecutionFile',
			'POST /api/v1/sharing-tasks/actions/execute': 'execute',
		},
	},
	{
		spec: 'automations.json',
		resources: [
			{
				resource: 'automationRun',
				displayName: 'Automation Run',
				match: /^\/api\/v1\/automations\/\{id\}\/runs/,
			},
			{ resource: 'automation', displayName: 'Automation' },
		],
		names: { 'GET /api/v1/automations/usage': 'getUsage' },
	},
	{
		spec: 'workflows-automations.json',
		resources: [
			{
				resource: 'automateWorkflowRun',
				displayName: 'Automate Workflow Run',
				match: /^\/api\/workflows\/automations\/\{id\}\/runs/,
			},
			{
				resource: 'automateWorkflow',
				displayName: 'Automate Workflow',
				description: 'Automations in the workflows API that succeeds the automations API',
			},
		],
		names: {
			'GET /api/workflows/automations/usage': 'getUsage',
			'GET /api/workflows/automations/{id}/runs/{runId}/debug': 'getDebugLog',
		},
	},
	{
		spec: 'data-alerts.json',
		resources: [{ resource: 'dataAlert', displayName: 'Data Alert' }],
		names: {
			'GET /api/v1/data-alerts/{taskId}/executions/{executionId}/evaluations': 'getEvaluation',
			'GET /api/v1/data-alerts/{taskId}/executions/stats': 'getExecutionStats',
			'POST /api/v1/data-alerts/actions/trigger': 'runNow',
		},
	},
	{
		spec: 'lineage-graphs.json',
		resources: [{ resource: 'lineageGraph', displayName: 'Lineage Graph' }],
		names: {
			'GET /api/v1/lineage-graphs/impact/{id}/actions/expand': 'expandImpact',
			'GET /api/v1/lineage-graphs/impact/{id}/actions/search': 'searchImpact',
			'GET /api/v1/lineage-graphs/impact/{id}/overview': 'getImpactOverview',
			'GET /api/v1/lineage-graphs/impact/{id}/source': 'getImpactSource',
			'GET /api/v1/lineage-graphs/nodes/{id}': 'get',
			'GET /api/v1/lineage-graphs/nodes/{id}/actions/expand': 'expand',
			'GET /api/v1/lineage-graphs/nodes/{id}/actions/search': 'search',
			'POST /api/v1/lineage-graphs/nodes/{id}/overview': 'getOverview',
		},
	},
	{
		spec: 'data-governance-data-products.json',
		resources: [{ resource: 'dataProduct', displayName: 'Data Product' }],
		names: {
			'POST /api/data-governance/data-products/{dataProductId}/actions/compute-datasets-data-quality':
				'computeDataQuality',
			'GET /api/data-governance/data-products/{dataProductId}/actions/export-documentation':
				'exportDocumentation',
			'POST /api/data-governance/data-products/actions/generate-provider-url':
				'generateProviderUrl',
		},
	},
	{
		spec: 'glossaries.json',
		resources: [
			{
				resource: 'glossaryCategory',
				displayName: 'Glossary Category',
				match: /^\/api\/v1\/glossaries\/\{id\}\/categories/,
			},
			{
				resource: 'glossaryTerm',
				displayName: 'Glossary Term',
				match: /^\/api\/v1\/glossaries\/\{id\}\/terms/,
			},
			{ resource: 'glossary', displayName: 'Glossary' },
		],
		names: {
			'GET /api/v1/glossaries/{id}/terms/{termId}/links': 'getLinks',
			'POST /api/v1/glossaries/{id}/terms/{termId}/links': 'createLink',
			'GET /api/v1/glossaries/{id}/terms/{termId}/revisions': 'getRevisions',
		},
	},
	{
		spec: 'audits.json',
		resources: [{ resource: 'audit', displayName: 'Audit' }],
		names: {
			'POST /api/v1/audits/actions/fetch-consumption-app': 'exportConsumptionApp',
			'GET /api/v1/audits/types': 'getTypes',
		},
	},
	{
		spec: 'webhooks.json',
		resources: [{ resource: 'webhook', displayName: 'Webhook' }],
		names: {
			'GET /api/v1/webhooks/{id}/deliveries': 'getAllDeliveries',
			'GET /api/v1/webhooks/{id}/deliveries/{deliveryId}': 'getDelivery',
			'POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/actions/resend': 'resendDelivery',
		},
	},
];

/** Field labels the rules get wrong (by the field's name in the API; headers in lower case). */
export const FIELD_LABELS: Record<string, string> = {
	ttl: 'Time to Live (Seconds)',
	inline: 'Open Inline',
	up: 'Levels Upstream',
	down: 'Levels Downstream',
	sub: 'Subject',
	filterV1_0: 'Filter (v1.0)',
	'if-match': 'Only If Unchanged (ETag)',
	'qlik-confirm-delete': 'Confirm Deletion',
	qConnectStatement: 'Connection String',
	qLogOn: 'Log On As',
	caseinsensitive: 'Case-Insensitive Sort',
	preferredZoneinfo: 'Preferred Time Zone',
};

/**
 * Operation display names, actions and descriptions the rules get wrong, by `resource.operation` value. An
 * action is a sentence that names the object: n8n builds canvas node names and AI tool
 * descriptions from it.
 */
export const OPERATION_WORDS: Record<
	string,
	{ name?: string; action?: string; description?: string }
> = {
	'user.getCurrent': { name: 'Get Current User' },
	'tenant.getCurrent': { name: 'Get Current Tenant' },
	'user.search': { action: 'Search users' },
	'group.search': { action: 'Search groups' },
	'user.count': { action: 'Count users' },
	'user.invite': {
		action: 'Invite users by email',
		description:
			'Invites people to the tenant by email address and returns a result for each invitee (`data`).',
	},
	'appReportFilter.count': { action: 'Count the report filters of an app' },
	'lineageGraph.search': {
		action: 'Search a lineage graph',
		description:
			"Searches the labels of a resource's lineage graph on every level and returns the matches, level by level (`graphs`).",
	},
	'lineageGraph.searchImpact': {
		action: 'Search an impact graph',
		description:
			"Searches the labels of a resource's impact graph on every level and returns the matches, level by level (`graphs`).",
	},
	'lineageGraph.expand': {
		description:
			"Expands one node of a resource's lineage graph and returns that node with its edges (`graph`).",
	},
	'lineageGraph.expandImpact': {
		action: 'Expand a node of an impact graph',
		description:
			"Expands one node of a resource's impact graph and returns the nodes one level inside it (`graph`).",
	},
	'encryptionKeyProvider.getAllDetailed': {
		name: 'Get Many (Detailed)',
		action: 'Get many encryption key providers with details',
	},
	'encryptionKeyProvider.resetToQlikManagedKey': {
		name: 'Reset to Qlik-Managed Key',
		action: 'Reset encryption to a Qlik-managed key',
		description:
			"Switches the tenant's encryption back to a Qlik-managed key and returns the migration's state and progress, or only a message when nothing has to move.",
	},
	'encryptionKeyProvider.migrate': {
		description:
			"Starts switching the tenant's encryption to an encryption key provider and returns the migration's state and progress (follow it with Get Migration Details).",
	},
	'encryptionKeyProvider.test': {
		description:
			"Checks that Qlik Cloud can use an encryption key provider's key (its access and key policy) and returns the key provider.",
	},
	'encryptionKeyProvider.getMigrationDetails': {
		action: 'Get the encryption key migration details',
	},
	'identityProvider.getTenantIdpMetadata': {
		action: "Get the tenant's identity provider metadata",
	},
	'identityProvider.getActive': {
		name: 'Get Active Sign-In Provider',
		action: 'Get the active sign-in identity provider',
	},
	'task.getAppRuns': { name: 'Get Runs for App', action: 'Get the task runs of an app' },
	'task.getRunLog': { action: 'Get the log of a task run' },
	'schedulingTask.getAppRuns': {
		name: 'Get Runs for App',
		action: 'Get the scheduling task runs of an app',
	},
	'schedulingTask.getRunLog': { action: 'Get the log of a scheduling task run' },
	'schedulingTask.getTaskChain': { action: 'Get the task chain of a scheduling task' },
	'item.getAllPublishedItems': { action: 'Get many published copies of an item' },
	'item.getAllCollections': { action: 'Get many collections that hold an item' },
	'app.export': {
		description:
			'Exports an app to a temporary file (a .qvf) and outputs where it is (`location`) and its `tempContentId`, for Temp Content → Download.',
	},
	'app.validateScript': {
		action: 'Validate an app load script',
		description:
			'Checks an app load script for mistakes without running it and returns the errors and warnings found (`Errors`, `Warnings`).',
	},
	'app.recommendInsights': {
		action: 'Recommend insight analyses for an app',
		description:
			'Recommends insight analyses for an app, from a question in plain words or from chosen fields and master items, and returns the recommendations (`data`).',
	},
	'app.getReloadMetadata': { action: 'Get the metadata of an app reload' },
	'app.moveToPersonalSpace': { name: 'Move to Personal Space' },
	'app.changeObjectOwner': { action: 'Change the owner of an app object' },
	'appEvaluation.compare': {
		action: 'Compare two app evaluations',
		description:
			'Compares two app evaluations and returns how their measures differ: sizes, row and object counts, open time, and slow or heavy objects.',
	},
	'appEvaluation.downloadComparison': {
		description:
			'Downloads the comparison of two app evaluations and returns it as JSON (the measures of both side by side).',
	},
	'appEvaluation.download': {
		description:
			'Downloads the full record of an app evaluation (results, events and details) and returns it as JSON.',
	},
	'automationRun.export': {
		action: 'Export the log of an automation run',
		description:
			'Exports the log of an automation run and returns a URL to download it from (`url`).',
	},
	'automateWorkflowRun.export': {
		action: 'Export the log of an automate workflow run',
		description:
			'Exports the log of an automate workflow run and returns a URL to download it from (`url`).',
	},
	'dataCredential.getOrphans': { action: 'Get orphaned data credentials' },
	'cspOrigin.generateHeader': {
		action: 'Generate a CSP header',
		description:
			"Builds the Content-Security-Policy header from the tenant's CSP origins and returns its value (`Content-Security-Policy`).",
	},
	'collection.getFavorites': { action: 'Get the favorites collection' },
	'dataAlert.getEvaluation': { action: 'Get the evaluation of a data alert execution' },
	'dataAlert.runNow': {
		description:
			'Runs a data alert now, outside its schedule, and returns the ID of the run it started (`workflowID`).',
	},
	'dataAlert.validate': {
		description:
			'Checks a data alert before it is created (for now, its recipients) and returns the outcome (`status`) with any problems found (`validations`).',
	},
	'emailConfig.sendTestEmail': {
		action: 'Send a test email',
		description:
			"Sends a test email through the configured mail server and returns whether it went out (`success`), with the server's reply code.",
	},
	'emailConfig.verifyConnection': {
		action: 'Verify the email server connection',
		description:
			"Connects to the configured mail server and returns whether that worked (`success`), with the server's reply code.",
	},
	'emailConfig.validate': {
		description:
			'Checks that the email configuration is complete, without connecting to the server, and returns the verdict (`isValid`) with an error code.',
	},
	'dataProduct.generateProviderUrl': { action: 'Generate a data product provider URL' },
	'dataProduct.computeDataQuality': {
		description:
			"Starts computing the data quality of every data set in a data product and returns the batch's ID (`batchComputationId`) with a status for each data set.",
	},
	'glossary.export': {
		description:
			'Exports a glossary with its terms and categories and returns it as one JSON object.',
	},
	'glossaryTerm.createLink': {
		description:
			'Links a glossary term to a resource, such as a data set or an app, and returns the new link.',
	},
	'license.changeLicenseType': {
		action: 'Change the license type of users',
		description:
			'Moves users from one license type to another and returns a result for each entry (`data`).',
	},
	'oauthClient.publish': {
		description:
			'Publishes an OAuth client to every tenant in its region, so one client ID serves them all, and returns when it was published (`publishedAt`).',
	},
	'pinnedLink.createMany': {
		description: 'Creates many pinned links at once and returns them (`data`).',
	},
	'tenant.deactivate': {
		description:
			'Deactivates a tenant and returns its status with the date after which Qlik purges it (`estimatedPurgeDate`).',
	},
	'tenant.reactivate': {
		description:
			'Reactivates a deactivated tenant, which is possible until its purge date, and returns an object whose fields Qlik does not document.',
	},
	'tenantSetting.toggleCrossRegionDataProcessing': {
		name: 'Toggle Cross-Region Data Processing',
		action: 'Toggle the cross-region data processing setting',
		description:
			'Turns cross-region data processing on or off for the tenant and returns the tenant settings.',
	},
	'tenantSetting.getStartPages': { action: 'Get the start page settings' },
	'tenantSetting.toggleCrossRegionInference': {
		name: 'Toggle Cross-Region Inference',
		action: 'Toggle the cross-region inference setting',
		description:
			'Turns cross-region inference on or off for the tenant and returns the tenant settings.',
	},
	'tempContent.upload': { action: 'Upload a temporary file' },
	'tempContent.download': { action: 'Download a temporary file' },
	'tempContent.getDetails': { action: 'Get the details of a temporary file' },
	'tempContent.createResumableUpload': {
		action: 'Create a resumable upload of a temporary file',
	},
	'tempContent.uploadChunk': { action: 'Upload a chunk of a temporary file' },
	'appMedia.upload': { action: 'Upload an app media file' },
	'appMedia.download': { action: 'Download an app media file' },
	'appMedia.delete': { action: 'Delete an app media file' },
	'appMedia.getAll': { action: 'Get many app media files' },
	'appMedia.getThumbnail': { action: 'Get the thumbnail of an app' },
	'apiKey.getConfig': { action: 'Get the API key config of a tenant' },
	'apiKey.updateConfig': { action: 'Update the API key config of a tenant' },
	'audit.get': { action: 'Get an audit event' },
	'audit.getAll': { action: 'Get many audit events' },
	'lineageGraph.get': { action: 'Get the lineage of a resource' },
	'consumption.getAll': {
		name: 'Get Many Executions',
		action: 'Get many consumption executions',
	},
	'oauthClient.createClientSecret': { action: 'Create an OAuth client secret' },
	'oauthClient.deleteClientSecret': { action: 'Delete an OAuth client secret' },
};
