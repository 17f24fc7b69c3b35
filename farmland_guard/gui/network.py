"""The sync client's connection as QGIS makes its own: through the proxy of QGIS's network
settings, signed in with the credentials kept in the QGIS auth manager (an authentication
configuration of the Basic method). The plain settings keep the server's address and the
configuration's id only — never a password."""

from __future__ import annotations

from urllib.parse import quote

import requests
from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication

from ..about import metadata
from ..core.errors import FarmlandGuardError
from ..settings import SYNC_AUTHCFG, SYNC_URL, user_locale
from ..sync.client import Client

AUTH_METHOD = "Basic"
AUTH_NAME = "farmland_guard 同步"
SCHEMES = {"HttpProxy": "http", "HttpCachingProxy": "http", "Socks5Proxy": "socks5h"}


class CredentialsError(FarmlandGuardError):
    """The QGIS auth manager could not keep or give the credentials."""

    code = "credentials"


def _strings(value) -> list[str]:
    """A QStringList setting as QSettings gives it back: a list, one string, or nothing."""
    if not value:
        return []
    if isinstance(value, str):
        return [v for v in value.split("|") if v]
    return [str(v) for v in value if v]


def proxies(url: str, settings: QgsSettings | None = None) -> dict | None:
    """The ``requests`` proxies for ``url`` from QGIS's proxy settings (Settings → Options →
    Network): {} for no proxy, None for the system's (QGIS's "Default proxy": requests reads
    the environment then)."""
    settings = settings or QgsSettings()
    if not settings.value("proxy/proxyEnabled", False, type=bool):
        return {}
    kind = settings.value("proxy/proxyType", "DefaultProxy", type=str)
    if kind == "DefaultProxy":
        return None
    excluded = _strings(settings.value("proxy/proxyExcludedUrls", []))
    excluded += _strings(settings.value("proxy/noProxyUrls", []))
    if any(url.startswith(prefix.strip()) for prefix in excluded if prefix.strip()):
        return {}
    scheme = SCHEMES.get(kind)
    host = settings.value("proxy/proxyHost", "", type=str).strip()
    if scheme is None or not host:
        return {}
    port = settings.value("proxy/proxyPort", "", type=str).strip()
    user = settings.value("proxy/proxyUser", "", type=str)
    password = settings.value("proxy/proxyPassword", "", type=str)
    authcfg = settings.value("proxy/authcfg", "", type=str)
    if authcfg:  # the proxy's own credentials in the auth manager
        found = _load(authcfg)
        if found is not None:
            user, password = found
    login = f"{quote(user, safe='')}:{quote(password, safe='')}@" if user else ""
    address = f"{scheme}://{login}{host}" + (f":{port}" if port else "")
    return {"http": address, "https": address}


def session(url: str) -> requests.Session:
    """A session for ``url`` through QGIS's proxy."""
    http = requests.Session()
    chosen = proxies(url)
    if chosen is not None:
        # requests lets the environment's proxies win over a session's: QGIS's settings rule
        http.trust_env = False
        http.proxies.update(chosen)
    return http


def client(url: str | None = None) -> Client:
    """The sync client for the server of the settings (or ``url``), through QGIS's proxy,
    in the interface's language."""
    url = (url or SYNC_URL.get()).strip()
    return Client(url, session=session(url), language=user_locale().replace("_", "-"),
                  client_version="farmland_guard " + metadata().get("version", ""))


# --- credentials in the QGIS auth manager -----------------------------------------------------

def _manager():
    manager = QgsApplication.authManager()
    if manager is None or manager.isDisabled():
        raise CredentialsError(QCoreApplication.translate(
            "SyncNetwork", "The QGIS authentication manager is not available, so the password "
            "cannot be kept safely: {why}")
                               .format(why=manager.disabledMessage() if manager else ""))
    return manager


def _load(authcfg: str) -> tuple[str, str] | None:
    manager = _manager()
    if authcfg not in manager.configIds():
        return None
    config = QgsAuthMethodConfig()
    ok = manager.loadAuthenticationConfig(authcfg, config, True)
    ok = ok[0] if isinstance(ok, tuple) else ok
    if not ok or not config.config("username"):
        return None
    return config.config("username"), config.config("password")


def save_credentials(user: str, password: str, url: str = "") -> str:
    """Keep ``user`` and ``password`` in the auth manager (QGIS asks for its master password
    when it needs to), updating the configuration the settings name; returns its id."""
    manager = _manager()
    if not manager.setMasterPassword(True):
        raise CredentialsError(QCoreApplication.translate(
            "SyncNetwork", "The QGIS master password was not given, so the password was not kept."))
    config = QgsAuthMethodConfig(AUTH_METHOD)
    config.setName(AUTH_NAME)
    config.setUri(url or SYNC_URL.get())
    config.setConfig("username", user)
    config.setConfig("password", password)
    existing = SYNC_AUTHCFG.get()
    if existing and existing in manager.configIds():
        config.setId(existing)
        ok = manager.updateAuthenticationConfig(config)
    else:
        ok = manager.storeAuthenticationConfig(config)
        ok = ok[0] if isinstance(ok, tuple) else ok
    if not ok or not config.id():
        raise CredentialsError(QCoreApplication.translate(
            "SyncNetwork", "The QGIS authentication manager did not keep the password."))
    SYNC_AUTHCFG.set(config.id())
    return config.id()


def credentials() -> tuple[str, str] | None:
    """(user, password) of the configuration the settings name; None when there is none."""
    authcfg = SYNC_AUTHCFG.get()
    return _load(authcfg) if authcfg else None


def forget_credentials() -> None:
    authcfg = SYNC_AUTHCFG.get()
    if authcfg:
        manager = _manager()
        if authcfg in manager.configIds():
            manager.removeAuthenticationConfig(authcfg)
        SYNC_AUTHCFG.set("")
