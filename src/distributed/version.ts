/** The version of Flow Studio this is: a sweep's workers must all run the coordinator's. */
import packageJson from '../../package.json';

export const FLOW_STUDIO_VERSION: string = packageJson.version;
