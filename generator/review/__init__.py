"""Pull-request tooling: what a pull request changes in the catalogue, compared with its base.

``git.py`` asks git what changed; ``pullrequest.py`` reads both sides of each changed file
with the one loader; ``pull_request_rules.py`` holds the rules only a comparison with the
base can check (ids are permanent, one provider per pull request); ``diff.py`` and
``summary.py`` describe the change for a reviewer; ``codeowners.py`` turns providers'
``maintainers`` into CODEOWNERS.
"""
