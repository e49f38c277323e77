from django.urls import path

from claims import speaker_views, views

app_name = "claims"
urlpatterns = [
    path("<int:claim_id>/status/", views.claim_status, name="status"),
    path("<int:claim_id>/undo/", views.claim_undo, name="undo"),
    path("<int:claim_id>/note/", views.claim_note, name="note"),
    path("<int:claim_id>/evidence/", views.claim_evidence, name="evidence"),
    path("<int:claim_id>/edit/", views.claim_edit, name="edit"),
    path("articles/<int:article_id>/add/", views.claim_add, name="add"),
    path("speakers/<int:speaker_id>/", speaker_views.speaker_detail, name="speaker"),
    path("speakers/<int:speaker_id>/merge/", speaker_views.speaker_merge, name="speaker-merge"),
]
