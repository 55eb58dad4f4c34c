"""AWS CDK v2 app for the ichseg cloud path (synth needs no AWS account and no Docker)."""
