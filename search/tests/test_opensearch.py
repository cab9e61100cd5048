"""The OpenSearch description."""

from __future__ import annotations

import xml.etree.ElementTree as ET

OS = "{http://a9.com/-/spec/opensearch/1.1/}"


def test_it_describes_the_search_page_feed_and_api(client):
    response = client.get("/opensearch.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/opensearchdescription+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{OS}OpenSearchDescription"
    assert len(root.find(f"{OS}ShortName").text) <= 16  # the specification's limit
    templates = {url.get("type"): url.get("template") for url in root.findall(f"{OS}Url")}
    assert templates["text/html"] == ("http://testserver/search/?q={searchTerms}&page={startPage?}")
    assert templates["application/atom+xml"] == "http://testserver/search/feed/?q={searchTerms}"
    assert templates["application/json"].startswith("http://testserver/api/search/?q=")
    assert templates["application/opensearchdescription+xml"] == "http://testserver/opensearch.xml"


def test_its_search_template_leads_to_a_working_search(client, db):
    root = ET.fromstring(client.get("/opensearch.xml").content)
    for url in root.findall(f"{OS}Url"):
        if url.get("rel") == "self":
            continue
        address = url.get("template").replace("{searchTerms}", "钢").replace("{startPage?}", "")
        assert client.get(address).status_code == 200, address


def test_post_is_not_allowed(client):
    assert client.post("/opensearch.xml").status_code == 405
