"""Link health: every provider, course and session URL, checked on a schedule, never in a pull request.

``collect.py`` lists the URLs and where each is used; ``probe.py`` fetches one URL with a
timeout and retries; ``state.py`` keeps the cache between runs and decides what is broken
(a link is broken only after failing on two separate runs, so one bad night at a
provider's web server reports nothing); ``run.py`` checks many with bounded concurrency;
``report.py`` writes the JSON report and the site's page.
"""
