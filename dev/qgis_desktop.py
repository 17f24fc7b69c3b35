"""Real QGIS desktop in a throwaway profile: used by ``make run``, the e2e tests and the bench.

The profile never touches the user's own: it lives under a folder we are given (``var/``
or a test's temporary folder). Without a display QGIS runs under ``xvfb-run``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = "farmland_guard"
SCREEN = "1600x1000x24"
# QGIS names some of its translations otherwise than the locale (it ships qgis_zh-Hans.qm, no
# qgis_zh_CN.qm): the interface language QGIS is asked for, so that QGIS itself is in Chinese
QGIS_LANGUAGE = {"zh_CN": "zh-Hans", "zh_SG": "zh-Hans", "zh_TW": "zh-Hant", "zh_HK": "zh-Hant"}

PROFILE_INI = """\
[PythonPlugins]
{plugin}={enabled}

[locale]
overrideFlag=true
userLocale={qgis_locale}
globalLocale={locale}

[qgis]
checkVersion=false
showTips322=false
allowVersionCheck=false

[core]
NewsFeed\\httpsfeedqgisorg\\disabled=true

[migration]
fileVersion=2
settings=2
"""


def venv_site_packages() -> str:
    """The venv's site-packages, which desktop QGIS (Debian's python) must see."""
    lib = ROOT / ".venv" / "lib"
    return str(next(lib.glob("python3*/site-packages")))


def make_profile(root: Path, plugin_dir: Path | None, enabled: bool = True,
                 locale: str = "zh_CN") -> Path:
    """A fresh QGIS profile folder under ``root`` with the assembled plugin installed."""
    profile = root / "profiles" / "default"
    plugins = profile / "python" / "plugins"
    plugins.mkdir(parents=True, exist_ok=True)
    target = plugins / PLUGIN
    if target.exists():
        shutil.rmtree(target)
    if plugin_dir is not None:
        shutil.copytree(plugin_dir, target)
    ini = profile / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True, exist_ok=True)
    ini.write_text(PROFILE_INI.format(plugin=PLUGIN, enabled=str(enabled).lower(), locale=locale,
                                      qgis_locale=QGIS_LANGUAGE.get(locale, locale)),
                   encoding="utf-8")
    return root


def qgis_env(**extra: str) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (venv_site_packages(), env.get("PYTHONPATH", "")) if p)
    env.setdefault("PROJ_DATA", "/usr/share/proj")
    env.pop("QT_QPA_PLATFORM", None)  # the desktop needs a real (X) display
    env.update(extra)
    return env


def qgis_command(profile_root: Path, project: Path | None = None,
                 code: Path | None = None) -> list[str]:
    command = ["qgis", "--profiles-path", str(profile_root), "--nologo", "--noversioncheck"]
    if project is not None:
        command += ["--project", str(project)]
    if code is not None:
        command += ["--code", str(code)]
    if not os.environ.get("DISPLAY"):
        command = ["xvfb-run", "-a", "-s", f"-screen 0 {SCREEN}"] + command
    return command


def run_qgis(profile_root: Path, project: Path | None = None, code: Path | None = None,
             timeout: int = 150, **env: str) -> subprocess.CompletedProcess:
    """Run QGIS until it exits (a ``code`` probe ends it with ``os._exit``) or times out."""
    return subprocess.run(["timeout", str(timeout)] + qgis_command(profile_root, project, code),
                          env=qgis_env(**env), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, errors="replace", check=False)
