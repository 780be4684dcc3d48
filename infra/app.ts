import { App } from 'aws-cdk-lib';
import { buildCustomerDeskApp } from './stack';

/** The CDK entry point (`cdk.json`): the desk (a root stack, a nested one per concern), settings from the CDK context. */
const app = new App();
buildCustomerDeskApp(app);
app.synth();
