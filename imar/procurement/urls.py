from django.urls import path

from imar.procurement import views
from imar.procurement.views import edit, plan

app_name = "procurement"
urlpatterns = [
    path("", views.register, name="register"),
    path("plan/", plan.plan, name="plan"),
    path("new/<str:code>/", edit.process_new, name="process_new"),
    path("exemption/<str:code>/", edit.exemption, name="exemption"),
    path("<int:pk>/", views.process_detail, name="process_detail"),
    path("<int:pk>/review/", views.flag_review, name="flag_review"),
    path("<int:pk>/edit/", edit.process_edit, name="process_edit"),
    path("<int:pk>/status/", edit.process_status, name="process_status"),
    path("<int:pk>/documents/new/", edit.document_add, name="document_add"),
    path("<int:pk>/bids/new/", edit.bid_add, name="bid_add"),
    path("<int:pk>/bids/<int:bid>/status/", edit.bid_status, name="bid_status"),
    path("<int:pk>/award/", edit.award, name="award"),
    path("<int:pk>/complaints/new/", edit.complaint_add, name="complaint_add"),
    path(
        "<int:pk>/complaints/<int:complaint>/decide/",
        edit.complaint_decide,
        name="complaint_decide",
    ),
    path("<int:pk>/contract/", edit.contract_sign, name="contract_sign"),
    path("<int:pk>/contract/milestones/new/", edit.milestone_add, name="milestone_add"),
    path(
        "<int:pk>/contract/milestones/<int:milestone>/met/",
        edit.milestone_met,
        name="milestone_met",
    ),
    path("<int:pk>/contract/payments/new/", edit.payment_add, name="payment_add"),
    path("<int:pk>/contract/amend/", edit.amendment_add, name="amendment_add"),
    path("<int:pk>/contract/terminate/", edit.terminate, name="terminate"),
    path("contractors/<int:pk>/", views.contractor_detail, name="contractor_detail"),
]
