"""MkDocs adapter: reads the course once (hocvuso.site.reading) and hands the engine's events to
one build session (hocvuso.site.build.BuildSession).

No rules live here: each event is one call into the package.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.structure.files import File, InclusionLevel

from hocvuso.catalogue.diagnostics import NOTICE, WARNING
from hocvuso.course.project import Project
from hocvuso.pages import web_app
from hocvuso.publish.material import is_material_bundle, needs_material_bundle
from hocvuso.publish.paths import theme_dirs
from hocvuso.site.build import BuildSession, BuildSettings, publishes, requested_edition, site_nav
from hocvuso.site.reading import no_page_formatter, read_course
from hocvuso.source.markdown_setup import merge_into
from hocvuso.text.escaping import script_data

# A warning on a mkdocs.* logger fails `mkdocs build --strict`.
log = logging.getLogger("mkdocs.plugins.hocvuso")

# The build under way, made by on_files from the course read there; `mkdocs serve` makes a new one per rebuild.
session: BuildSession | None = None
serving = False  # `mkdocs serve`: readable assets, and the worker asks the network first


def _report(problems) -> None:
    # Style notices are INFO: shown, and `mkdocs build --strict` does not fail on them.
    levels = {WARNING: log.warning, NOTICE: log.info}
    for problem in problems:
        levels.get(problem.severity, log.error)(problem.format())


def _bind_quiz_formatter(config, format_quiz) -> None:
    """The ```quiz fences of the next Markdown made from `config` go to `format_quiz`: MkDocs makes
    one Markdown per page from the config, right after that page's on_page_markdown."""
    config.markdown_extensions, config["mdx_configs"] = merge_into(
        config.markdown_extensions, config["mdx_configs"] or {}, format_quiz)


def on_startup(command, dirty):
    global serving
    serving = command == "serve"


def on_config(config):
    # The tool's templates and assets are package data, between the course's own custom_dir and Material's.
    config.theme.dirs = theme_dirs(config.theme.dirs, config.theme.custom_dir)
    # Until a page binds its own formatter (on_page_markdown).
    _bind_quiz_formatter(config, no_page_formatter())
    return config


def _material_bundle(config) -> bool:
    return needs_material_bundle(config.theme.get("features"), config.theme.get("palette"), config.extra, config.repo_url)


def on_files(files, config):
    global session
    material_bundle = _material_bundle(config)
    for file in [file for file in files if not publishes(file.src_uri)
                 or (is_material_bundle(file.src_uri) and not material_bundle)]:
        files.remove(file)
    pages = {file.src_uri: Path(file.abs_src_path) for file in files.documentation_pages() if not file.generated_by}
    config_file = Path(config.config_file_path)
    reading = read_course(Project.at(config_file.parent, Path(config.docs_dir), config_file), pages, config.site_name)
    _report(reading.diagnostics)  # the course's settings too (hoc_theo_thu_tu), read as the check reads them
    settings = BuildSettings(config.site_name, config.site_description or "", config.site_url, requested_edition(), serving,
                             ordered_path=reading.settings.ordered_path)
    session = BuildSession(reading, settings, config.extra_javascript)
    config.extra_javascript = session.scripts
    for page in reading.generated.values():
        inclusion = InclusionLevel.UNDEFINED if page.nav_title else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.path, content=page.markdown, inclusion=inclusion))
    if not config.nav:
        config.nav = site_nav(reading)
    return files


def on_nav(nav, config, files):
    session.nav_read(nav.items)
    return nav


def on_page_context(context, page, config, nav):
    context["hvs_menu"] = session.page_menu(page)  # hocvuso/theme/partials/nav.html
    context["hvs_path_wait"] = session.path_may_close(page.file.src_uri)  # hocvuso/theme/main.html
    return context


def on_page_read_source(page, config):
    return None if page.file.generated_by else session.page_source(page.file.src_uri)


def on_page_markdown(markdown, page, config, files):
    # This page is rendered next: its fences are formatted with its own checked quizzes.
    _bind_quiz_formatter(config, session.quiz_formatter(page.file.src_uri))
    return session.page_markdown(page.file.src_uri, markdown)


def on_page_content(html, page, config, files):
    html, problems = session.page_html(page.file.src_uri, page.url, page.title, (page.meta or {}).get("description"), html)
    _report(problems)
    return html


def on_env(env, config, files):
    env.globals["hvs_material_bundle"] = _material_bundle(config)  # hocvuso/theme/main.html, partials
    env.globals["hvs_web_app"] = web_app.head_links()  # hocvuso/theme/main.html
    env.filters["hvs_script_data"] = script_data  # hocvuso/theme/main.html: Material's settings, UTF-8
    # The menu of a template that is no page (404.html): home, the course list, the modules.
    env.globals["hvs_menu"] = session.page_menu(None)  # each page's own: on_page_context
    session.escape_for_theme(file.page.meta for file in files.documentation_pages() if file.page is not None and file.page.meta)
    return env


def on_post_page(output, page, config):
    output, problems = session.page_written(page.file.src_uri, page.url, output, page.content or "")
    _report(problems)
    return output


def on_post_template(output_content, template_name, config):
    return session.template_written(template_name, output_content)


def on_post_build(config):
    session.write_outputs(Path(config.site_dir))
