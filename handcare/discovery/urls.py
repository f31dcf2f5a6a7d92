from django.urls import path

from . import feeds, views

urlpatterns = [
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("feeds/rss/", feeds.rss_feed, name="feed_rss"),
    path("feeds/atom/", feeds.atom_feed, name="feed_atom"),
    path("feeds/<slug:section>/rss/", feeds.rss_feed, name="section_feed_rss"),
    path("feeds/<slug:section>/atom/", feeds.atom_feed, name="section_feed_atom"),
]
