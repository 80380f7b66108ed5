/** Pipeline names, from the Platform API schema (`pipeline.name`). */
export const PIPELINE_NAME_PATTERN = /^[a-z][a-z0-9-]{2,29}$/;

/** The stages an app can be coupled to a pipeline in, in promotion order. */
export const PIPELINE_STAGES = ["review", "development", "staging", "production"] as const;
export type PipelineStageName = (typeof PIPELINE_STAGES)[number];

/** Review apps may be destroyed after 1 to 30 days without a deploy (heroku_review_app_config `stale_days`). */
export const REVIEW_APP_STALE_DAYS = { min: 1, max: 30 } as const;

/** Where review apps are made: a space (by id) or a region (by its two-letter name), as the schema's `deploy_target` patterns have them. */
export const REVIEW_APP_DEPLOY_TARGET_TYPES = ["space", "region"] as const;
export const REVIEW_APP_DEPLOY_TARGET_ID_PATTERN = /(^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$|^[a-z]{2}$)/;
