from .audiences import Audience
from .guides import GuidePage
from .mixins import ArticlePage, ArticleReference, article_models
from .settings import PublicationSettings

__all__ = [
    "ArticlePage",
    "ArticleReference",
    "Audience",
    "GuidePage",
    "PublicationSettings",
    "article_models",
]
