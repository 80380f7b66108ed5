import { App, TerraformStack } from "cdktf";
import { HerokuProvider } from "./.gen/providers/heroku/provider";
import { App as HerokuAppL1 } from "./.gen/providers/heroku/app";

const app = new App();
const stack = new TerraformStack(app, "staging");
new HerokuProvider(stack, "heroku");
new HerokuAppL1(stack, "app", { name: "dynoform-staging", region: "us" });
app.synth();
