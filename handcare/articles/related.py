"""Related articles: the live, public articles that share the most with an article.

A candidate scores CONCERN_WEIGHT for each concern and REFERENCE_WEIGHT for each cited source
it shares with the article, and AUDIENCE_WEIGHT for each shared audience; ties go to the same
section, then the newest. The article's own section's newest articles are always candidates
(with score 0), so an article that shares nothing still gets its section's newest, as before.

One query finds the winners and loads them as cards: a CTE aggregates the tag rows that match
the article's own tags (UNION ALL of the concern, reference and audience link tables, each read
through its index) joined to the page table, and the card query (cards.py) reads only those
pages. It reads only pages that share something, never every article, so it stays fast at
10,000 articles.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F, IntegerField, Q, Value
from django.db.models.expressions import RawSQL

from wagtail.models import Page

from handcare.performance.restrictions import view_restrictions

from .cards import card_models, card_queryset, cards_from_rows

CONCERN_WEIGHT = 3
REFERENCE_WEIGHT = 3
AUDIENCE_WEIGHT = 1


def _links(model, name, weight, own):
    """(page_id, weight) rows of `model`'s many-to-many `name` sharing a target with `own`."""
    field = model._meta.get_field(name)
    through = field.remote_field.through
    source, target = field.m2m_column_name(), field.m2m_reverse_name()
    return _scored(through.objects.filter(**{f"{target}__in": own}), source, weight)


def _scored(queryset, column, weight):
    """(candidate, weight) rows: the UNION takes its column names from its first part."""
    return (
        queryset.order_by()
        .annotate(candidate=F(column), weight=Value(weight, output_field=IntegerField()))
        .values_list("candidate", "weight")
    )


def _own(page, name):
    """The ids the article itself links to through many-to-many `name` (a subquery)."""
    field = page.specific_class._meta.get_field(name)
    through = field.remote_field.through
    return (
        through.objects.filter(**{field.m2m_column_name(): page.pk})
        .order_by()
        .values(field.m2m_reverse_name())
    )


def signal_rows(page, limit):
    """One UNION ALL of (page id, weight) for every tag another article shares with `page`."""
    ArticleReference = apps.get_model("articles", "ArticleReference")
    models = card_models()
    own_concerns, own_audiences = _own(page, "concerns"), _own(page, "audiences")
    own_references = (
        ArticleReference.objects.filter(page_id=page.pk).order_by().values("reference_id")
    )
    parent_path = page.path[: -page.steplen]
    newest_siblings = (
        Page.objects.live()
        .filter(path__startswith=parent_path, depth=page.depth)
        .exclude(pk=page.pk)
        .order_by(F("last_published_at").desc(nulls_last=True), "path")
        .values("pk")[:limit]
    )
    parts = [
        *(_links(model, "concerns", CONCERN_WEIGHT, own_concerns) for model in models),
        _scored(
            ArticleReference.objects.filter(reference_id__in=own_references),
            "page_id",
            REFERENCE_WEIGHT,
        ),
        *(_links(model, "audiences", AUDIENCE_WEIGHT, own_audiences) for model in models),
        _scored(Page.objects.filter(pk__in=newest_siblings), "pk", 0),
    ]
    first, *rest = parts
    return first.union(*rest, all=True)


RANK = "related_rank"


def ranking(page, limit):
    """(sql, params): the `limit` best candidates with their sort keys, best first.

    Columns: candidate (page id), score, elsewhere (0 in the article's section, else 1),
    published, path. Only live, public articles, never the page itself.
    """
    union_sql, union_params = signal_rows(page, limit).query.sql_with_params()
    page_table = connection.ops.quote_name(Page._meta.db_table)
    type_ids = [ct.pk for ct in ContentType.objects.get_for_models(*card_models()).values()]
    private, private_params = "", []
    for restriction in view_restrictions()[0]:
        private += " AND NOT (p.path LIKE %s AND p.depth >= %s)"
        private_params += [restriction.page.path + "%", restriction.page.depth]
    sql = f"""
        SELECT s.candidate AS candidate, SUM(s.weight) AS score,
          CASE WHEN p.depth = %s AND p.path LIKE %s THEN 0 ELSE 1 END AS elsewhere,
          p.last_published_at AS published, p.path AS path
        FROM ({union_sql}) s
        JOIN {page_table} p ON p.id = s.candidate
        WHERE p.live AND p.id <> %s
          AND p.content_type_id IN ({", ".join(["%s"] * len(type_ids))}){private}
        GROUP BY s.candidate, p.path, p.depth, p.last_published_at
        ORDER BY score DESC, elsewhere, published DESC NULLS LAST, path
        LIMIT %s
    """
    parent_path = page.path[: -page.steplen]
    params = [
        page.depth,
        parent_path + "%",
        *union_params,
        page.pk,
        *type_ids,
        *private_params,
        limit,
    ]
    return sql, params


def related_ids(page, limit):
    """The ids of the `limit` best related live, public articles, best first (one query)."""
    if not page.pk or not page.path:
        return []
    sql, params = ranking(page, limit)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT candidate FROM ({sql}) r ORDER BY score DESC, elsewhere, published DESC NULLS LAST, path",
            params,
        )
        return [row[0] for row in cursor.fetchall()]


def related_articles(page, limit=3):
    """The best related articles of `page` as cards, in one query (renditions not loaded).

    The ranking is a CTE; the card query (cards.py, one select per article type) reads only
    its candidates and returns them in its order.
    """
    if not page.pk or not page.path:
        return []
    rank_sql, rank_params = ranking(page, limit)
    candidates = RawSQL(f"SELECT candidate FROM {RANK}", [])
    cards_sql, cards_params = card_queryset(Q(pk__in=candidates), []).query.sql_with_params()
    sql = f"""
        WITH {RANK} AS ({rank_sql})
        SELECT c.* FROM ({cards_sql}) c JOIN {RANK} r ON r.candidate = c.id
        ORDER BY r.score DESC, r.elsewhere, r.published DESC NULLS LAST, r.path
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [*rank_params, *cards_params])
        return cards_from_rows(cursor.fetchall())
