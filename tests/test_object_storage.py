"""Uploaded and rendered files in S3-compatible object storage (issue 11 item 10): with
STORAGES' default pointed at a bucket, papers, delegation evidence and the agenda pack
are written to the bucket, not to the web container's disk, and still reach people
only through the portal's checks (or, with S3_SIGNED_DOWNLOADS, a short-lived presigned
URL given after the same checks). The bucket is a real S3 API: moto's server on a free
loopback port, spoken to over HTTP by boto3 exactly as MinIO or AWS would be."""

from __future__ import annotations

import datetime as dt
import json
import socket
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from botocore.config import Config
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from meetings import actions, pdf
from meetings.models import DocumentKind, ExemptCategory, Meeting, Paper, PaperVersion, RenderedDocument, RenderStatus
from partnerships.models import Delegation
from search import actions as search_actions
from search import tasks
from search.actions import Outcome
from search.models import EntryKind, Extraction, SearchEntry
from tests.meetings.test_pdf import pages_text, text_pdf
from tests.partnerships.test_documents import PDF as EVIDENCE_PDF
from tests.partnerships.test_documents import evidence_url, record_delegation
from tests.test_settings import production_env, run

BUCKET = "accord-test-media"
REGION = "eu-west-2"
CREDENTIALS = {"access_key": "accord-test-key", "secret_key": "accord-test-secret"}
PAPER = text_pdf("Pooled budget outturn, page 1", "Pooled budget outturn, page 2")


def s3_client(endpoint: str) -> Any:
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=CREDENTIALS["access_key"],
        aws_secret_access_key=CREDENTIALS["secret_key"],
    )


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    """A real S3-compatible server for this module, with the private bucket created."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    client = s3_client(endpoint)
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
    yield endpoint
    # moto keeps its buckets in the process, across servers: leave none behind (pytest-django
    # runs the tests needing no database apart, so this fixture may be set up again).
    client.delete_bucket(Bucket=BUCKET)
    server.stop()


@pytest.fixture
def s3(s3_endpoint: str) -> Any:
    """A boto3 client on the bucket, for the test to look inside it; emptied after."""
    client = s3_client(s3_endpoint)
    yield client
    for entry in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=entry["Key"])


@pytest.fixture(autouse=True)
def bucket_storage(settings, tmp_path, s3_endpoint, s3) -> Path:
    """STORAGES' default is the bucket, with the options governance/settings.py gives it
    when S3_BUCKET is set; MEDIA_ROOT is an empty folder that must stay empty."""
    from governance import settings as project_settings

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **project_settings._s3_options,
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": REGION,
                "addressing_style": "path",
                **CREDENTIALS,
            },
        },
    }
    settings.S3_SIGNED_DOWNLOADS = False
    settings.S3_SIGNED_URL_SECONDS = 60
    return settings.MEDIA_ROOT


def keys(s3: Any) -> list[str]:
    return sorted(entry["Key"] for entry in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def object_bytes(s3: Any, key: str) -> bytes:
    body: bytes = s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()
    return body


def local_files(media: Path) -> list[Path]:
    return [path for path in media.rglob("*") if path.is_file()] if media.exists() else []


def anonymous_get(url: str) -> tuple[int, bytes, dict[str, str]]:
    """A plain GET from outside the portal: no credentials, no signature unless the URL has one."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - the loopback test server
            return response.status, response.read(), {k.lower(): v for k, v in response.headers.items()}
    except urllib.error.HTTPError as error:
        return error.code, error.read(), {k.lower(): v for k, v in error.headers.items()}


def download_url(version: PaperVersion) -> str:
    return reverse("meetings:paper_download", args=[version.paper.item.meeting_id, version.paper_id, version.number])


def manage(name: str, *args: object) -> str:
    return reverse(f"meetings:{name}", args=args)


@pytest.fixture
def meeting(board) -> Meeting:
    """A meeting five weeks ahead: no deadline has passed, its agenda not yet published."""
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=35)
    return Meeting.objects.create(board=board, start=start, venue="County Hall, Shiretown")


@pytest.fixture
def delegation_data(board, county, seat, date_input) -> dict[str, Any]:
    return {
        "organisation": county.pk,
        "person": seat.person_id,
        "scope": "Agree the joint commissioning plan",
        "evidence_reference": "Cabinet, 19 November 2009, minute 87",
        **date_input("valid_from", dt.date(2024, 1, 1)),
        **date_input("valid_to", None),
    }


def upload_paper(officer_client: Client, meeting: Meeting, item_title: str, *, exempt: bool = False) -> Paper:
    """An officer adds an item and uploads a paper to it through the real pages, then publishes it."""
    officer = meeting.board.partnership.officers.get()
    fields: dict[str, Any] = {"exempt": True, "exempt_category": ExemptCategory.FINANCIAL} if exempt else {}
    item = actions.item_add(meeting, title=item_title, by=officer, **fields)
    response = officer_client.post(
        manage("manage_paper_new", meeting.pk, item.pk),
        {"title": f"{item_title} report", "author_name": "Fred Finance", "file": SimpleUploadedFile("r.pdf", PAPER)},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    paper = Paper.objects.get(item=item)
    assert officer_client.post(manage("manage_paper_publish", meeting.pk, paper.pk), {}).status_code == 302
    return paper


def publish_agenda(meeting: Meeting) -> None:
    officer = meeting.board.partnership.officers.get()
    actions.agenda_publish(meeting, by=officer, confirm_missing=True)


# ---------------------------------------------------------------------------
# Papers


def test_the_file_fields_follow_the_storages_setting() -> None:
    """A FileField given no storage uses default_storage, a lazy object that overriding
    STORAGES empties (django.test.signals): every model field writes to the bucket."""
    from storages.backends.s3 import S3Storage

    for model, name in ((PaperVersion, "file"), (RenderedDocument, "file"), (Delegation, "evidence_document")):
        assert model._meta.get_field(name).storage is default_storage
    assert default_storage.bucket_name == BUCKET  # builds the storage from the setting
    assert isinstance(default_storage._wrapped, S3Storage)


def test_an_uploaded_paper_lands_in_the_bucket_and_the_public_downloads_it_through_the_portal(
    officer_client, board, meeting, s3, bucket_storage
) -> None:
    paper = upload_paper(officer_client, meeting, "Pooled budget outturn")
    publish_agenda(meeting)
    version = paper.versions.get()

    assert keys(s3) == [version.file.name]
    assert version.file.name.startswith("papers/") and version.file.name.endswith(".pdf")
    assert object_bytes(s3, version.file.name) == PAPER
    assert local_files(bucket_storage) == []  # nothing on the web container's disk

    response = Client().get(download_url(version))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PAPER
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["ETag"] == f'"{version.sha256}"'
    # Revalidation works as on disk: the same ETag gets a 304 and no body.
    again = Client().get(download_url(version), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_an_exempt_or_unpublished_paper_in_the_bucket_is_not_found_by_the_public(
    officer_client, board, meeting, s3, officer
) -> None:
    exempt = upload_paper(officer_client, meeting, "Award of the hostel contract", exempt=True)
    item = actions.item_add(meeting, title="Forward plan", by=officer)
    draft = actions.paper_add(
        item, SimpleUploadedFile("d.pdf", PAPER), title="Draft options", author_name="Fred Finance", by=officer
    )
    publish_agenda(meeting)
    hidden = [exempt.versions.get(), draft.versions.get()]
    assert keys(s3) == sorted(version.file.name for version in hidden)  # both are in the bucket

    for version in hidden:
        assert Client().get(download_url(version)).status_code == 404
        # The officer who services the partnership still reads them, from the bucket.
        response = officer_client.get(download_url(version))
        assert response.status_code == 200 and b"".join(response.streaming_content) == PAPER
        assert response["Cache-Control"] == "private, no-cache"


def test_the_bucket_objects_are_private(officer_client, board, meeting, s3, s3_endpoint) -> None:
    paper = upload_paper(officer_client, meeting, "Pooled budget outturn")
    publish_agenda(meeting)
    key = paper.versions.get().file.name

    # Even a published paper is not readable at the storage's own address without a signature.
    status, body, _ = anonymous_get(f"{s3_endpoint}/{BUCKET}/{key}")
    assert status == 403 and PAPER not in body
    grants = s3.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]
    assert all(grant["Grantee"]["Type"] == "CanonicalUser" for grant in grants)  # no AllUsers, no AuthenticatedUsers
    # The refusal is the object's privacy, not the test server refusing everyone: an
    # object made public-read is served to the same plain GET.
    s3.put_object(Bucket=BUCKET, Key="public-control.txt", Body=b"public", ACL="public-read")
    assert anonymous_get(f"{s3_endpoint}/{BUCKET}/public-control.txt")[:2] == (200, b"public")


def test_a_new_version_is_a_new_object_and_never_overwrites_the_first(officer_client, board, meeting, s3) -> None:
    paper = upload_paper(officer_client, meeting, "Pooled budget outturn")
    second = text_pdf("Pooled budget outturn, corrected")
    response = officer_client.post(
        manage("manage_paper_upload", meeting.pk, paper.pk),
        {"file": SimpleUploadedFile("r.pdf", second), "change_note": "Corrected table 2"},
    )
    assert response.status_code == 302
    first, latest = paper.versions.order_by("number")
    assert first.file.name != latest.file.name
    assert keys(s3) == sorted([first.file.name, latest.file.name])
    assert object_bytes(s3, first.file.name) == PAPER
    assert object_bytes(s3, latest.file.name) == second


def test_a_name_already_taken_in_the_bucket_gets_a_fresh_one(s3) -> None:
    """file_overwrite is off: the storage never replaces an object, whatever the caller asks."""
    from django.core.files.base import ContentFile

    first = default_storage.save("papers/test/same.pdf", ContentFile(b"first"))
    second = default_storage.save("papers/test/same.pdf", ContentFile(b"second"))
    assert first == "papers/test/same.pdf" and second != first
    assert object_bytes(s3, first) == b"first" and object_bytes(s3, second) == b"second"


def test_a_paper_whose_object_is_gone_is_not_found_not_an_error(officer_client, board, meeting, s3) -> None:
    paper = upload_paper(officer_client, meeting, "Pooled budget outturn")
    publish_agenda(meeting)
    version = paper.versions.get()
    s3.delete_object(Bucket=BUCKET, Key=version.file.name)
    assert Client().get(download_url(version)).status_code == 404


# ---------------------------------------------------------------------------
# Signed downloads


def test_signed_downloads_redirect_to_a_short_lived_url_only_after_the_checks(
    settings, officer_client, board, meeting, s3, s3_endpoint
) -> None:
    settings.S3_SIGNED_DOWNLOADS = True
    public = upload_paper(officer_client, meeting, "Pooled budget outturn")
    exempt = upload_paper(officer_client, meeting, "Award of the hostel contract", exempt=True)
    publish_agenda(meeting)
    version = public.versions.get()

    response = Client().get(download_url(version))
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    target = urlsplit(response["Location"])
    assert f"{target.scheme}://{target.netloc}" == s3_endpoint
    assert target.path == f"/{BUCKET}/{version.file.name}"
    query = parse_qs(target.query)
    assert query["X-Amz-Expires"] == ["60"] and "X-Amz-Signature" in query
    status, body, headers = anonymous_get(response["Location"])
    assert (status, body) == (200, PAPER)
    assert headers["content-type"] == "application/pdf"
    assert headers["content-disposition"] == 'attachment; filename="pooled-budget-outturn-report-v1.pdf"'

    # The exempt paper gets no URL at all: the same 404 as when streaming.
    assert Client().get(download_url(exempt.versions.get())).status_code == 404
    # Without its signature the same address is refused: the URL itself is the permission.
    # (moto does not check expiry or signatures; MinIO and AWS do.)
    assert anonymous_get(target._replace(query="").geturl())[0] == 403


# ---------------------------------------------------------------------------
# Rendered documents and partnership documents


@pytest.mark.usefixtures("eager_tasks")
def test_the_agenda_pack_rendered_by_the_task_is_stored_in_the_bucket_and_served(
    officer_client, board, meeting, s3, bucket_storage, django_capture_on_commit_callbacks
) -> None:
    paper = upload_paper(officer_client, meeting, "Pooled budget outturn")
    with django_capture_on_commit_callbacks(execute=True):
        publish_agenda(meeting)  # queues the render, which runs in process
    document = RenderedDocument.objects.get(meeting=meeting, kind=DocumentKind.AGENDA_PACK)
    assert document.status == RenderStatus.READY, document.error
    assert document.file.name in keys(s3)
    assert paper.versions.get().file.name in keys(s3)
    assert local_files(bucket_storage) == []
    stored = object_bytes(s3, document.file.name)
    assert "Pooled budget outturn, page 2" in pages_text(stored)[-1]  # the paper was read from the bucket

    response = Client().get(reverse("meetings:agenda_pack", args=[meeting.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == stored
    assert pdf.document_size(document) == len(stored)  # read from the bucket for the link text


def test_delegation_evidence_is_stored_in_the_bucket_and_served_from_it(
    officer_client, board, delegation_data, s3, bucket_storage
) -> None:
    response = record_delegation(officer_client, board, delegation_data, EVIDENCE_PDF)
    assert response.status_code == 302
    delegation = Delegation.objects.get()
    key = delegation.evidence_document.name
    assert keys(s3) == [key] and key.startswith("delegations/")
    assert local_files(bucket_storage) == []

    board_page = Client().get(board.get_absolute_url())
    assert f'href="{evidence_url(delegation)}"' in board_page.content.decode()
    assert "Evidence (PDF, 2.0 KB)" in board_page.content.decode()  # the size read from the bucket
    response = Client().get(evidence_url(delegation))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == EVIDENCE_PDF
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


# ---------------------------------------------------------------------------
# Search reads the text from the bucket


def test_the_search_index_reads_a_papers_text_from_the_bucket(officer_client, board, meeting) -> None:
    paper = upload_paper(officer_client, meeting, "Pooled budget outturn")
    version = paper.versions.get()
    assert tasks.extract_version_text.run(version.pk) == Outcome.DONE
    entry = SearchEntry.objects.get(kind=EntryKind.PAPER, paper_version=version)
    assert "Pooled budget outturn, page 2" in entry.body


def test_object_storage_out_of_reach_is_a_passing_failure_for_search(settings, officer_client, board, meeting) -> None:
    """botocore's connection error is not an OSError: it is still a failure worth retrying."""
    paper = upload_paper(officer_client, meeting, "Pooled budget outturn")
    version = paper.versions.get()
    storage_out_of_reach(settings)

    assert search_actions.version_extract(version.pk, last_try=False) == Outcome.RETRY
    assert search_actions.version_extract(version.pk, last_try=True) == Outcome.FAILED
    entry = SearchEntry.objects.get(kind=EntryKind.PAPER, paper_version=version)
    assert entry.extraction == Extraction.FAILED
    assert entry.extraction_error == "The file could not be opened: EndpointConnectionError"


def storage_out_of_reach(settings) -> None:
    """The default storage pointed at a loopback port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    default = settings.STORAGES["default"]
    options = {
        **default["OPTIONS"],
        "endpoint_url": f"http://127.0.0.1:{closed}",
        "client_config": Config(retries={"max_attempts": 1, "mode": "standard"}, connect_timeout=1),
    }
    settings.STORAGES = {**settings.STORAGES, "default": {**default, "OPTIONS": options}}


def test_a_download_with_the_storage_down_is_a_503_that_says_so(settings, officer_client, board, meeting) -> None:
    paper = upload_paper(officer_client, meeting, "Pooled budget outturn")
    publish_agenda(meeting)
    storage_out_of_reach(settings)

    response = Client().get(download_url(paper.versions.get()))

    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    page = response.content.decode()
    assert "cannot be read at the moment" in page and "Try again in a few minutes" in page


def test_an_upload_with_the_storage_down_is_a_form_error_and_saves_nothing(
    settings, officer_client, board, meeting, officer
) -> None:
    item = actions.item_add(meeting, title="Pooled budget outturn", by=officer)
    storage_out_of_reach(settings)

    response = officer_client.post(
        manage("manage_paper_new", meeting.pk, item.pk),
        {"title": "Outturn report", "author_name": "Fred Finance", "file": SimpleUploadedFile("r.pdf", PAPER)},
    )

    assert response.status_code == 400
    assert "the document store is not answering" in response.content.decode()
    assert not Paper.objects.filter(item=item).exists()


# ---------------------------------------------------------------------------
# The settings, as production reads them


PRINT_STORAGE = """
import json, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "governance.settings")
from django.conf import settings
from django.core.files.storage import default_storage
default = settings.STORAGES["default"]
default_storage._setup()  # build the storage the setting names, as the first file access would
print(json.dumps({
    "backend": default["BACKEND"],
    "options": default.get("OPTIONS", {}),
    "storage": type(default_storage._wrapped).__name__,
    "signed": settings.S3_SIGNED_DOWNLOADS,
    "seconds": settings.S3_SIGNED_URL_SECONDS,
}, default=str))
"""


def storage_settings(**env: str) -> dict[str, Any]:
    result = run(["-c", PRINT_STORAGE], production_env(**env))
    assert result.returncode == 0, result.stderr
    loaded: dict[str, Any] = json.loads(result.stdout)
    return loaded


def test_local_disk_stays_the_default_without_a_bucket() -> None:
    loaded = storage_settings(S3_SIGNED_DOWNLOADS="true")
    assert loaded["backend"] == "django.core.files.storage.FileSystemStorage"
    assert loaded["storage"] == "FileSystemStorage"
    assert loaded["signed"] is False  # nothing to sign without a bucket


def test_a_bucket_in_the_environment_makes_the_default_storage_private_object_storage() -> None:
    loaded = storage_settings(
        S3_BUCKET="accord-media",
        S3_ENDPOINT_URL="http://minio:9000",
        S3_REGION="us-east-1",
        S3_ACCESS_KEY_ID="accord",
        S3_SECRET_ACCESS_KEY="a-long-secret",
        S3_ADDRESSING_STYLE="path",
    )
    assert loaded["backend"] == "storages.backends.s3.S3Storage"
    assert loaded["storage"] == "S3Storage"
    assert loaded["options"] == {
        "bucket_name": "accord-media",
        "endpoint_url": "http://minio:9000",
        "region_name": "us-east-1",
        "access_key": "accord",
        "secret_key": "a-long-secret",
        "addressing_style": "path",
        "default_acl": None,
        "querystring_auth": True,
        "querystring_expire": 60,
        "signature_version": "s3v4",
        "file_overwrite": False,
        "max_memory_size": 5 * 1024 * 1024,
    }
    assert loaded["signed"] is False  # streamed through the portal unless asked
    aws = storage_settings(S3_BUCKET="accord-media", S3_SIGNED_DOWNLOADS="true", S3_SIGNED_URL_SECONDS="30")
    assert aws["options"]["endpoint_url"] is None and aws["options"]["access_key"] is None  # boto3's own chain
    assert (aws["signed"], aws["seconds"], aws["options"]["querystring_expire"]) == (True, 30, 30)
