import packageJson from '../../../package.json';

export const APP_NAME = 'IntSeg Studio';
export const APP_VERSION: string = packageJson.version;
