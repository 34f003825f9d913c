"""The old place of the shape of site_config.yml, now generator/model/config.py: kept so that code and
tests written before the move keep working until they import it from there."""
from .model.config import (Accessibility, Checks, Contact, LangCode, Language, OtherFormat, SiteConfig, SiteInfo,
                           ToolSettings, TranslationSettings)

__all__ = ["Accessibility", "Checks", "Contact", "LangCode", "Language", "OtherFormat", "SiteConfig", "SiteInfo",
           "ToolSettings", "TranslationSettings"]
