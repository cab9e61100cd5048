from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "archive/home.html", {})


def article_detail(request, year, month, day, pk):
    return render(request, "archive/home.html", {})
