from django.urls import path

from . import views

urlpatterns = [path("", views.routine_builder, name="routine_builder")]
