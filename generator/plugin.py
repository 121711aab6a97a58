"""The MkDocs plugin: a thin adapter between MkDocs' build events and the catalogue pipeline.

It loads and validates the catalogue with the same functions as the CLI, adds the
navigable catalogue pages (home, provider list, facet indexes, reference) to MkDocs, and
after MkDocs has built the guides, writes every course, provider and listing page into
the theme's page shell. A build writes into a fresh folder that replaces ``site_dir``
only when everything succeeded.
"""

from __future__ import annotations

import itertools
import logging
import os
import shutil
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, cast

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils import CountHandler
from mkdocs.utils.templates import TemplateContext

from generator import addresses, feeds, history, preview, publish
from generator.links import report as links_report
from generator.problems import Severity
from generator.render import browse, environment, listings, pages, reference
from generator.render.crawlers import robots, sitemaps
from generator.search import index as search_index
from generator.search.guides import Section
from generator.search.guides import sections as guide_sections
from generator.search.records import catalogue_records, counts
from generator.validation import check

log = logging.getLogger("mkdocs.plugins.catalogue")
SHELL_DEPTHS = (2, 3)  # folders deep of every page the publisher writes (a provider's, a course's...)


class CatalogueConfig(base.Config):
    catalogue = c.Type(
        str, default="catalogue"
    )  # folder of provider folders, absolute or relative to mkdocs.yml
    feeds = c.Type(bool, default=True)  # off for a quick preview: pages only, no aggregator feeds
    provider = c.Type(
        str, default=""
    )  # `catalogue preview`: only this provider's pages (see generator/preview.py)
    search = c.Type(
        bool, default=True
    )  # the Pagefind index behind /courses/ (off: the page says search is unavailable)
    links_report = c.Type(
        str, default=""
    )  # JSON written by `catalogue links`: the /reports/links/ page is built from it
    # The site's page templates, styles and scripts: part of the site project, like the
    # theme's custom_dir, so they are found beside mkdocs.yml, not beside the package.
    templates = c.Type(str, default="site_templates")
    # Last-changed dates from git history, with a warning when it is shallow or missing;
    # false: no dates and no warning (a catalogue that is not under git, in tests).
    history = c.Type(bool, default=True)


def build_date() -> date:
    """The build's "today": SOURCE_DATE_EPOCH when set (reproducible builds), else the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()


class CataloguePlugin(BasePlugin[CatalogueConfig]):
    def __init__(self) -> None:
        self.command = "build"
        self.generated: dict[str, pages.Page] = {}  # src_uri → page rendered by MkDocs
        self.final_site: Path | None = None
        self.lock: publish.BuildLock | None = None
        self._guide_files: list[File] = []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        project = Path(config.config_file_path or ".").parent
        self.root = project.joinpath(self.config.catalogue).resolve()
        self.templates = project.joinpath(self.config.templates).resolve()
        if not (self.templates / "course.html").is_file():
            raise PluginError(
                f"the site's templates folder {self.templates} is missing (the `templates` option of "
                "the catalogue plugin, `site_templates` beside mkdocs.yml by default)"
            )
        today = build_date()
        result = check(
            preview.selection(self.root, self.config.provider),
            today=today,
            keep=True,
            focus=bool(self.config.provider),
        )
        for problem in result.problems:
            report = log.error if problem.severity is Severity.ERROR else log.warning
            report(
                "%s:%s:%s %s %s (hint: %s)",
                problem.file,
                problem.line,
                problem.column,
                problem.rule,
                problem.message,
                problem.hint,
            )
        if result.errors:
            raise PluginError(
                f"the catalogue in {self.root} has {result.errors} errors; "
                "run `catalogue validate` for details"
            )
        self.site = pages.Site(
            url=_site_url(config),
            name=config.site_name,
            today=today,
            env=environment.create(self.templates),
            catalogue=preview.catalogue(result, self.config.provider),
            modified=self._modified(result.paths),
        )
        courses = self.site.catalogue.courses.values() if self.config.search else ()
        self.records = catalogue_records(courses, today)
        self.guides: list[Section] = []
        config.extra_css.append(addresses.asset("catalogue.css"))
        config.extra_javascript.append(addresses.asset("catalogue.js"))
        if self.command in ("build", "gh-deploy"):
            self.final_site = Path(config.site_dir).resolve()
            try:
                self.lock = publish.BuildLock(self.final_site)
            except publish.Busy as busy:
                raise PluginError(str(busy)) from None
            config.site_dir = str(self.final_site.with_name(self.final_site.name + ".partial"))
            shutil.rmtree(config.site_dir, ignore_errors=True)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for page in listings.index_pages(self.site):
            # content comes from on_page_content
            self._add(files, config, addresses.markdown_source(page.path), "", page)
        self._add(
            files,
            config,
            addresses.markdown_source(addresses.search_page()),
            "",
            browse.browse_page(self.site, counts(self.records), self.config.search),
        )
        self._add(files, config, addresses.reference_source("format"), reference.format_reference())
        self._add(files, config, addresses.reference_source("rules"), reference.rules_reference())
        for depth in SHELL_DEPTHS:
            shell = addresses.markdown_source(addresses.shell_page(depth))
            self._add(files, config, shell, f"# {publish.TITLE}\n")
        for asset in sorted((self.templates / "assets").iterdir()):
            files.append(File.generated(config, addresses.asset(asset.name), abs_src_path=str(asset)))
        return files

    def _add(
        self, files: Files, config: MkDocsConfig, src_uri: str, markdown: str, page: pages.Page | None = None
    ) -> None:
        files.append(File.generated(config, src_uri, content=markdown))
        if page is not None:
            self.generated[src_uri] = page

    def on_page_markdown(self, markdown: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri.startswith(addresses.SHELL_FOLDER):
            page.meta["description"] = publish.DESCRIPTION
        if page.file.src_uri.startswith(addresses.SHELL_FOLDER) or page.file.src_uri in self.generated:
            # Catalogue pages use the whole width: the guides' sidebars stay in the menu.
            page.meta["hide"] = ["navigation", "toc"]
        return markdown

    def on_page_content(self, html: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri in self.generated:
            return self.generated[page.file.src_uri].body
        if page.file.src_uri.startswith(addresses.SHELL_FOLDER):
            return publish.BODY
        if self.config.search:  # the guides are found from the same search box as the courses
            self.guides += guide_sections(page.url, page.title or "", html)
        return html

    def on_page_context(
        self, context: TemplateContext, /, *, page: MkDocsPage, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        # The theme's main.html reads this extra key; MkDocs' TypedDict does not know it.
        extra = cast(dict[str, Any], context)
        generated = self.generated.get(page.file.src_uri)
        if generated is not None:
            extra["catalogue_head"] = Markup(generated.head)
        elif page.file.src_uri.startswith(addresses.SHELL_FOLDER):
            extra["catalogue_head"] = Markup(publish.HEAD)
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        shells = {depth: self._shell(site_dir, depth) for depth in SHELL_DEPTHS}
        shutil.rmtree(site_dir / addresses.SHELL_FOLDER)
        writer = publish.Writer(site_dir)
        written = writer.pages(
            itertools.chain(pages.catalogue_pages(self.site), listings.listing_pages(self.site)),
            shells,
            self.site.url,
        )
        guides: list[tuple[str, date | None]] = [(p.path, None) for p in self.generated.values()]
        guides += [(_page_url(f), None) for f in self._guide_files]
        writer.sitemaps(sitemaps(self.site.url, written + guides))
        if self.config.feeds:
            for path, data in feeds.build(
                self.site.catalogue, self.site.url, self.site.modified, self.site.name
            ):
                writer.write(path, data)
            writer.pages([pages.schemas_page(self.site, feeds.schema_list())], shells, self.site.url)
        report = links_report.read(Path(self.config.links_report)) if self.config.links_report else None
        if report is not None:
            writer.pages([links_report.page(self.site, report)], shells, self.site.url)
        writer.write(addresses.robots(), robots(self.site.url))
        if self.config.search:
            summary = search_index.write(self.records, site_dir, self.guides)
            log.info("catalogue: search index of %d courses", summary.records)
        log.info(
            "catalogue: %d courses, %d providers, %d pages written",
            len(self.site.catalogue.courses),
            len(self.site.catalogue.providers),
            len(written),
        )
        if self.final_site is not None and not _strict_will_abort(config):
            publish.swap_in(site_dir, self.final_site)
            self._release()

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        # the theme's search box links to the course search (site_templates/theme/partials/search.html)
        env.globals["catalogue_search_url"] = addresses.search_page()
        return env

    def on_nav(self, nav: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self._guide_files = [
            f
            for f in files.documentation_pages()
            if f.src_uri not in self.generated and not f.src_uri.startswith(addresses.SHELL_FOLDER)
        ]
        return nav

    def _modified(self, paths: dict[str, Path]) -> dict[str, date]:
        """Last-changed dates from git; a warning when the history cannot give true ones."""
        if not self.config.history:
            return {}
        found = history.last_changed(self.root)
        if found.gap:
            log.warning("%s", found.gap)
        return _dated(found.changed, paths)

    def _shell(self, site_dir: Path, depth: int) -> publish.Shell:
        path = addresses.shell_page(depth)
        html = (site_dir / path / "index.html").read_text("utf-8")
        return publish.Shell.parse(html, addresses.url(self.site.url, path))

    def on_build_error(self, *, error: Exception) -> None:
        if self.final_site is not None and self.lock is not None:  # only the lock's holder cleans up
            shutil.rmtree(self.final_site.with_name(self.final_site.name + ".partial"), ignore_errors=True)
        self._release()

    def _release(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.root))
        server.watch(str(self.templates))
        return server


def _strict_will_abort(config: MkDocsConfig) -> bool:
    """MkDocs aborts a strict build after ``on_post_build`` when warnings were logged; the
    new site must not replace the old one then (``on_build_error`` removes it). The counter
    hangs on the engine's own logger: "mkdocs", or "properdocs" when that fork builds."""
    engine = logging.getLogger(CountHandler.__module__.split(".")[0])
    return bool(config.strict) and any(
        isinstance(h, CountHandler) and h.get_counts() for h in engine.handlers
    )


def _site_url(config: MkDocsConfig) -> str:
    url = config.site_url or "https://microcredentials.example/"
    return url if url.endswith("/") else url + "/"


def _page_url(file: File) -> str:
    return file.url if file.url != "./" else ""


def _dated(changed: dict[Path, date], paths: dict[str, Path]) -> dict[str, date]:
    return {key: changed[path.resolve()] for key, path in paths.items() if path.resolve() in changed}
