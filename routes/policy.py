"""Refuelling policy: which sites the aircraft may land at, from tags, country codes or ids."""

from __future__ import annotations

from collections.abc import Sequence

from routes.catalog import Site, SiteCatalog
from routes.errors import UnknownSiteError

__all__ = ["refuel_fields"]


def refuel_fields(catalog: SiteCatalog, specs: Sequence[str]) -> list[Site]:
    """Sites allowed for refuelling: each spec is a tag, a country code or a site, comma-separated.

    >>> from routes.catalog import bundled_sites
    >>> [site.id for site in refuel_fields(bundled_sites(), ["UHMA,UHPP"])]
    ['UHMA', 'UHPP']
    """
    chosen: dict[str, Site] = {}
    for spec in specs:
        for token in (part.strip() for part in spec.split(",")):
            if not token:
                raise UnknownSiteError(f"--refuel-at {spec!r} holds an empty name")
            for site in _matching(catalog, token):
                chosen.setdefault(site.id, site)
    return list(chosen.values())


def _matching(catalog: SiteCatalog, token: str) -> list[Site]:
    tagged = catalog.tagged(token)
    if tagged:
        return tagged
    if len(token) == 2 and token.isalpha():
        in_country = [site for site in catalog.values() if site.country == token.upper()]
        if in_country:
            return in_country
    try:
        return [catalog.resolve(token)]
    except UnknownSiteError as error:
        tags = sorted({tag for site in catalog.values() for tag in site.tags})
        raise UnknownSiteError(f"{error}; tags are {', '.join(tags)}") from None
