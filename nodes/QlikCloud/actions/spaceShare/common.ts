import type { PathParamSpec } from '../../shared/types';
import { resourceLocator } from '../../shared/descriptions';

export const SHARE_ID: PathParamSpec = {
	name: 'shareId',
	label: 'Share',
	example: '6270eb3cc9d1d6b0b9cde4bf',
};

export const shareLocator = resourceLocator({
	name: 'shareId',
	displayName: 'Share',
	searchListMethod: 'searchSpaceShare',
	placeholder: 'e.g. 6270eb3cc9d1d6b0b9cde4bf',
});

export const SHARE_TYPES = ['user', 'group', 'link'];
export const SHARE_TYPE_OPTIONS = [
	{ name: 'Group', value: 'group' },
	{ name: 'Link', value: 'link' },
	{ name: 'User', value: 'user' },
];

export const SHARE_ROLE_OPTIONS = [
	{ name: 'Can Contribute (Contributor)', value: 'contributor' },
	{ name: 'Can View (Consumer)', value: 'consumer' },
	{ name: 'Has Restricted View (Basicconsumer)', value: 'basicconsumer' },
];
export const SHARE_ROLES = SHARE_ROLE_OPTIONS.map((o) => o.value);
