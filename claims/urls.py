from django.urls import path

from claims import views

app_name = "claims"
urlpatterns = [
    path("<int:claim_id>/status/", views.claim_status, name="status"),
    path("speakers/<int:speaker_id>/", views.speaker_detail, name="speaker"),
]
