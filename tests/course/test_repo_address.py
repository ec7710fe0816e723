"""The course's repository address is written once, as `extra.kho` in mkdocs.yml (a fork's in its
mkdocs.local.yml), and the writers' guides send writers there instead of writing one of their own.

Until the real address is known it is the placeholder below: this test tells it apart from a
real address, so that filling it in is a one-line change that nothing else has to follow."""

import re

import yaml

from conftest import ROOT

PLACEHOLDER = "https://github.com/TEN-TAI-KHOAN/TEN-KHO"
ADDRESS = re.compile(r"https://github\.com/[A-Za-z0-9-]+/[A-Za-z0-9._-]+")
GUIDES = ["CONTRIBUTING.md", "README.md", "content/huong-dan-cho-tinh-xa.md"]
# github.com pages that are not a repository (sign-up, settings) may be named in the guides.
NOT_A_REPOSITORY = ("settings", "signup", "login", "apps", "features", "new")


def test_the_address_is_extra_kho_a_github_repository_or_the_placeholder():
    for name in ["mkdocs.yml", "examples/tinh-mau/mkdocs.local.yml"]:
        config = yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))
        address = config["extra"]["kho"]
        assert address == PLACEHOLDER or ADDRESS.fullmatch(address), f"{name}: extra.kho = {address!r}"
        # Not repo_url: it would bring back Material's script and a request to GitHub on every page.
        assert "repo_url" not in config, name


def test_the_guides_point_to_the_one_address():
    for name in GUIDES:
        text = (ROOT / name).read_text(encoding="utf-8")
        assert "`kho:`" in text, f"{name} does not say where the address is written"
        for match in re.finditer(r"github\.com/([^\s/)>`'\"]+)/([^\s/)>`'\"]+)", text):
            owner = match.group(1)
            assert owner.startswith("<") or owner in NOT_A_REPOSITORY, f"{name}: an address of its own: {match.group(0)}"
