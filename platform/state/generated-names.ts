/** The words Heroku-style generated names are made of: DNS targets (`calm-river-…`) and certificate names (`calm-10003`). */
export const ADJECTIVES = ["agile", "brave", "calm", "deep", "eager", "fancy", "gentle", "happy", "kind", "lively", "mellow", "quiet"];
export const NOUNS = ["river", "meadow", "forest", "harbor", "canyon", "summit", "prairie", "glacier", "island", "valley", "ridge", "delta"];
