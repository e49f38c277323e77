from django.urls import path

from claims import speaker_views, views

app_name = "claims"
urlpatterns = [
    path("<int:claim_id>/status/", views.claim_status, name="status"),
    path("speakers/<int:speaker_id>/", speaker_views.speaker_detail, name="speaker"),
    path("speakers/<int:speaker_id>/merge/", speaker_views.speaker_merge, name="speaker-merge"),
]
