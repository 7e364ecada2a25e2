/* bs-verify.c — from a file to a verdict per signature and per document.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-verify.h"
#include "bs-appended-data.h"
#include "bs-error.h"
#include "bs-pdf-object.h"
#include "bs-pdf-revisions.h"
#include "bs-pdf-xref.h"
#include "bs-references.h"
#include "bs-platform.h"
#include "bs-update-changes.h"
#include "bs-verify-crypto.h"

#include <glib/gi18n-lib.h>
#include <openssl/crypto.h>
#include <string.h>

typedef struct {
  const char       *path;
  const char       *password;     /* of a protected PDF, or NULL */
  int               fd;
  guint64           size;
  GMappedFile      *mapped;
  GArray           *revisions;    /* BsPdfRevision */
  BsPdfDocument    *final;
  GPtrArray        *chain;        /* BsXrefSection, or NULL if unreadable */
  GPtrArray        *views;        /* BsPdfDocument per revision, opened lazily */
  BsVerifyReport   *report;
  GPtrArray        *appended;     /* BsAppendedData after the first signed revision */
  BsVerifyCrypto   *crypto;
  GCancellable     *cancellable;
  GHashTable       *referrers;    /* bs_references_index of final, built on first need */
  gboolean          referrers_tried;
  BsUpdateChanges  *updates;      /* each update compared once, built on first need */
} Job;

static void
add_problem (BsSignatureReport *r, const char *text)
{
  g_ptr_array_add (r->problems, g_strdup (text));
}

static void
add_change (BsSignatureReport *r, gboolean allowed, const char *text)
{
  BsChange *c = g_new0 (BsChange, 1);

  c->description = g_strdup (text);
  c->page = -1;
  c->allowed = allowed;
  g_ptr_array_add (r->changes, c);
}

/* An update that leaves nothing readable (no /Prev, a catalog it does not
 * list) still has the signed revisions before it: they are what the
 * signatures vouch for, and the damage is reported as a change. */
static BsPdfDocument *
open_last_readable_revision (Job *job)
{
  const guint8 *bytes = job->mapped ? (const guint8 *) g_mapped_file_get_contents (job->mapped) : NULL;

  for (guint i = job->revisions->len; bytes != NULL && i-- > 0;)
    {
      const BsPdfRevision *rev = &g_array_index (job->revisions, BsPdfRevision, i);
      BsPdfDocument *doc = rev->end < job->size
                             ? bs_pdf_document_open_bytes_password (bytes, (gsize) rev->end, BS_PDF_OPEN_ALLOW_ENCRYPTED,
                                                                    job->password, NULL)
                             : NULL;
      if (doc != NULL)
        return doc;
    }
  return NULL;
}

static BsPdfDocument *
open_final (Job *job, GError **error)
{
  g_autoptr(GError) strict_error = NULL;
  BsPdfDocument *doc = bs_pdf_document_open_fd_password (job->fd, job->path, BS_PDF_OPEN_ALLOW_ENCRYPTED, job->password,
                                                      &strict_error);

  if (doc != NULL || !g_error_matches (strict_error, BS_ERROR, BS_ERROR_DAMAGED))
    {
      if (doc == NULL)
        g_propagate_error (error, g_steal_pointer (&strict_error));
      return doc;
    }
  /* Still show what was signed, but objects that only qpdf's repair finds
   * are not the document that was signed. */
  doc = bs_pdf_document_open_fd_password (job->fd, job->path, BS_PDF_OPEN_ALLOW_ENCRYPTED | BS_PDF_OPEN_ALLOW_RECOVERY,
                                          job->password, error);
  if (doc == NULL)
    doc = open_last_readable_revision (job);
  job->report->repaired = doc != NULL;
  if (doc != NULL)
    g_clear_error (error);
  return doc;
}

/* The document as it was at the end of revision @index, or NULL when that
 * prefix is not a readable PDF on its own. A prefix that only opens
 * repaired was damaged before anything later was added (a trailer /Size
 * one short, say): it is still what its signature signed. */
static BsPdfDocument *
revision_view (Job *job, guint index)
{
  const BsPdfRevision *rev = &g_array_index (job->revisions, BsPdfRevision, index);
  const guint8 *bytes = job->mapped ? (const guint8 *) g_mapped_file_get_contents (job->mapped) : NULL;

  if (index == job->revisions->len - 1 && rev->end >= job->size && !job->report->repaired)
    return job->final;
  if (g_ptr_array_index (job->views, index) == NULL && bytes != NULL)
    g_ptr_array_index (job->views, index) =
      bs_pdf_document_open_bytes_password (bytes, (gsize) rev->end, BS_PDF_OPEN_ALLOW_ENCRYPTED, job->password, NULL);
  if (g_ptr_array_index (job->views, index) == NULL && bytes != NULL)
    g_ptr_array_index (job->views, index) =
      bs_pdf_document_open_bytes_password (bytes, (gsize) rev->end,
                                           BS_PDF_OPEN_ALLOW_ENCRYPTED | BS_PDF_OPEN_ALLOW_RECOVERY, job->password, NULL);
  return g_ptr_array_index (job->views, index);
}

static gboolean
same_signature (const BsSigField *a, const BsSigField *b)
{
  return a->byte_range_ok == b->byte_range_ok
         && memcmp (a->byte_range, b->byte_range, sizeof a->byte_range) == 0
         && ((a->contents == NULL && b->contents == NULL)
             || (a->contents != NULL && b->contents != NULL && g_bytes_equal (a->contents, b->contents)));
}

static BsSignatureReport *
find_report (GPtrArray *reports, const BsSigField *field)
{
  for (guint i = 0; i < reports->len; i++)
    {
      BsSignatureReport *r = g_ptr_array_index (reports, i);
      if (same_signature (r->field, field))
        return r;
    }
  return NULL;
}

static void
take_fields (Job *job, GPtrArray *fields, gboolean final_view)
{
  while (fields->len > 0)
    {
      BsSigField *f = g_ptr_array_steal_index (fields, 0);
      BsSignatureReport *known;

      if (!f->has_value)
        {
          if (final_view)
            g_ptr_array_add (job->report->empty_fields, g_strdup (f->field_name));
          bs_sig_field_free (f);
          continue;
        }
      known = find_report (job->report->signatures, f);
      if (known != NULL)
        {
          known->in_final_form |= final_view;
          bs_sig_field_free (f);
          continue;
        }
      known = bs_signature_report_new (f);
      known->in_final_form = final_view;
      g_ptr_array_add (job->report->signatures, known);
    }
}

/* Signatures are looked for in the final document and in every earlier
 * revision: an update that drops the AcroForm must not hide one. */
#define MAX_REVISIONS_ALL_OPENED 64

/* A signature of the final form signs exactly this revision: collecting
 * the revision's own fields would find nothing new. */
static gboolean
signed_in_final_form (Job *job, const BsPdfRevision *rev)
{
  for (guint i = 0; i < job->report->signatures->len; i++)
    {
      const BsSigField *f = ((BsSignatureReport *) g_ptr_array_index (job->report->signatures, i))->field;
      guint64 end = (guint64) f->byte_range[2] + (guint64) f->byte_range[3];
      if (f->byte_range_ok && f->byte_range[2] >= 0 && f->byte_range[3] >= 0 && end >= rev->eof && end <= rev->end)
        return TRUE;
    }
  return FALSE;
}

/* A revision that a signature of the final form signs has no other
 * signature to find: a second one over the same bytes would have signed
 * the first one's placeholder. Past a normal update history, revisions
 * whose update has neither /ByteRange nor a name spelt with #xx escapes
 * are not opened either: a file of thousands of empty updates would
 * otherwise cost a qpdf parse of every prefix (45 s for 3000). */
static gboolean
revision_may_sign (Job *job, guint index)
{
  const BsPdfRevision *rev = &g_array_index (job->revisions, BsPdfRevision, index);
  guint64 start = index > 0 ? g_array_index (job->revisions, BsPdfRevision, index - 1).end : 0;
  const char *bytes = job->mapped ? g_mapped_file_get_contents (job->mapped) : NULL;
  gsize len = rev->end > start ? (gsize) (rev->end - start) : 0;

  if (signed_in_final_form (job, rev))
    return FALSE;
  if (job->revisions->len <= MAX_REVISIONS_ALL_OPENED || bytes == NULL)
    return TRUE;
  return memmem (bytes + start, len, "/ByteRange", 10) != NULL || memchr (bytes + start, '#', len) != NULL;
}

static void
collect_signatures (Job *job)
{
  g_autoptr(GPtrArray) final_fields = bs_sig_fields_collect (job->final);

  take_fields (job, final_fields, TRUE);
  for (guint i = 0; job->revisions->len > 1 && i + 1 < job->revisions->len; i++)
    {
      BsPdfDocument *view = revision_may_sign (job, i) ? revision_view (job, i) : NULL;
      g_autoptr(GPtrArray) fields = view ? bs_sig_fields_collect (view) : NULL;
      if (fields != NULL)
        take_fields (job, fields, FALSE);
      /* Memory stays flat in the number of revisions. */
      if (view != job->final)
        g_clear_pointer (&g_ptr_array_index (job->views, i), bs_pdf_document_free);
    }
}

static void
add_dss_streams (BsPdfDocument *doc, BsPdfObj dss, const char *key, BsValidationData *data)
{
  BsPdfObj array = bs_pdf_obj_get (doc, dss, key);
  int n = MIN (bs_pdf_obj_len (doc, array), 10000);

  for (int i = 0; i < n; i++)
    {
      g_autoptr(GBytes) der = bs_pdf_obj_dup_stream_data (doc, bs_pdf_obj_at (doc, array, i));
      gsize len;
      const guint8 *p = der ? g_bytes_get_data (der, &len) : NULL;

      if (p == NULL)
        continue;
      if (g_str_equal (key, "/Certs"))
        bs_validation_data_add_cert (data, p, len);
      else if (g_str_equal (key, "/OCSPs"))
        bs_validation_data_add_ocsp (data, p, len, "DSS");
      else
        bs_validation_data_add_crl (data, p, len, "DSS");
    }
}

/* ETSI EN 319 142-1 5.4.2: the Document Security Store. */
static BsValidationData *
read_dss (BsPdfDocument *doc)
{
  BsValidationData *data = bs_validation_data_new ();
  BsPdfObj dss = bs_pdf_obj_get (doc, bs_pdf_root (doc), "/DSS");

  add_dss_streams (doc, dss, "/Certs", data);
  add_dss_streams (doc, dss, "/OCSPs", data);
  add_dss_streams (doc, dss, "/CRLs", data);
  return data;
}

/* The DocMDP permissions of a certification: only the document's first
 * signature can certify (ISO 32000-1 12.8.2.2). A later signature that
 * claims DocMDP — anyone can append one — loosens nothing. */
static int
certification_level (Job *job)
{
  BsSignatureReport *first = NULL;

  for (guint i = 0; i < job->report->signatures->len; i++)
    {
      BsSignatureReport *r = g_ptr_array_index (job->report->signatures, i);
      if (r->byte_range == BS_BYTE_RANGE_OK && (first == NULL || r->revision < first->revision))
        first = r;
    }
  return first != NULL && !first->doc_timestamp ? first->field->docmdp : 0;
}

/* The file's bytes for reading objects without qpdf, when qpdf's view of
 * the document is those bytes (not a repair of them). */
static const guint8 *
raw_bytes (Job *job)
{
  return job->mapped != NULL && !job->report->repaired ? (const guint8 *) g_mapped_file_get_contents (job->mapped) : NULL;
}

static gsize
raw_length (Job *job)
{
  return job->mapped != NULL ? g_mapped_file_get_length (job->mapped) : 0;
}

static void
ensure_referrers (Job *job)
{
  if (!job->referrers_tried && job->chain != NULL)
    job->referrers = bs_references_index (job->final, job->chain, raw_bytes (job), raw_length (job));
  job->referrers_tried = TRUE;
}

/* The changes of every update after the signed revision, each update
 * compared once for all signatures. FALSE when they cannot be. */
static gboolean
compare_updates (Job *job, BsSignatureReport *r, int docmdp)
{
  if (raw_bytes (job) == NULL || job->chain == NULL)
    return FALSE;
  ensure_referrers (job);
  if (job->updates == NULL)
    job->updates = bs_update_changes_new (&(BsUpdateSource) {
      .file = raw_bytes (job), .file_len = raw_length (job), .revisions = job->revisions, .chain = job->chain,
      .final = job->final, .referrers = job->referrers, .password = job->password });
  return bs_update_changes_after (job->updates, (guint) r->revision, docmdp, r->field->locks, r->changes);
}

static void
check_changes (Job *job, BsSignatureReport *r, int docmdp)
{
  const BsPdfRevision *rev = &g_array_index (job->revisions, BsPdfRevision, r->revision);
  BsPdfDocument *view;
  g_autoptr(GPtrArray) changes = NULL;

  for (guint i = 0; job->appended != NULL && i < job->appended->len; i++)
    {
      BsAppendedData *a = g_ptr_array_index (job->appended, i);
      if (a->offset >= rev->eof)
        add_change (r, FALSE, a->description);
    }

  r->whole_document = rev->end >= job->size || rev->eof >= job->size;
  if (!r->in_final_form)
    add_change (r, FALSE, _("The signature was removed from the document's form after signing"));
  /* A broken signature is INVALID whatever changed after it; comparing
   * revisions for it would only let forged signatures cost time. */
  if (r->integrity == BS_INTEGRITY_BROKEN)
    return;
  if (!r->whole_document && compare_updates (job, r, docmdp))
    {
      if (job->report->repaired)
        add_change (r, FALSE, _("The file structure was damaged after signing; parts of it can only be read by repairing it"));
      return;
    }
  view = r->whole_document ? NULL : revision_view (job, (guint) r->revision);
  if (!r->whole_document && view == NULL)
    {
      add_problem (r, _("The signed revision is not a readable PDF on its own"));
      r->integrity = BS_INTEGRITY_BROKEN;
      return;
    }
  if (r->whole_document ? job->report->repaired : bs_pdf_document_was_repaired (view))
    add_problem (r, _("The file structure was already damaged when it was signed (its cross-reference data "
                      "needs repair); the signature covers it as it is"));
  else if (job->report->repaired)
    add_change (r, FALSE, _("The file structure was damaged after signing; parts of it can only be read by repairing it"));
  if (r->whole_document)
    return;
  ensure_referrers (job);
  changes = bs_revision_diff (&(BsRevisionDiffInput) {
    .signed_doc = view, .final_doc = job->final, .chain = job->chain, .signed_startxref = rev->startxref,
    .signed_end = rev->end, .docmdp = docmdp, .locks = r->field->locks, .referrers = job->referrers,
    .file = bs_pdf_document_was_repaired (view) ? NULL : raw_bytes (job), .file_len = raw_length (job) });
  g_ptr_array_extend_and_steal (r->changes, g_steal_pointer (&changes));
}

/* Proven damage first, then changes, then what could not be decided
 * (DESIGN.md §3; EN 319 102-1 5.1.3: INDETERMINATE is not INVALID). */
static BsVerdict
signature_verdict (BsSignatureReport *r)
{
  if (r->byte_range != BS_BYTE_RANGE_OK || r->integrity == BS_INTEGRITY_BROKEN || r->trust == BS_TRUST_REVOKED)
    return BS_VERDICT_INVALID;
  if (!bs_changes_allowed (r->changes))
    return BS_VERDICT_MODIFIED;
  if (r->integrity != BS_INTEGRITY_INTACT || r->trust == BS_TRUST_INDETERMINATE || r->trust == BS_TRUST_NOT_CHECKED)
    return BS_VERDICT_INDETERMINATE;
  return r->trust == BS_TRUST_TRUSTED ? BS_VERDICT_VALID : BS_VERDICT_UNTRUSTED;
}

static void
check_byte_range (Job *job, BsSignatureReport *r)
{
  guint64 signed_end = 0;
  guint revision = 0;
  BsSigField *f = r->field;

  r->doc_timestamp = g_strcmp0 (f->type, "/DocTimeStamp") == 0
                     || g_strcmp0 (f->sub_filter, "/ETSI.RFC3161") == 0;
  r->byte_range = bs_byte_range_check (job->fd, job->size, f->byte_range, f->byte_range_ok,
                                       f->contents, job->revisions, &signed_end, &revision);
  if (r->byte_range != BS_BYTE_RANGE_OK)
    {
      add_problem (r, bs_byte_range_status_describe (r->byte_range));
      r->verdict = BS_VERDICT_INVALID;
      return;
    }
  r->revision = (int) revision;
  /* A signature nobody can see is still reported: hiding a signed field is
   * one way to make a viewer show content as if nothing were signed. */
  if (f->hidden)
    add_problem (r, _("The signature's widget is hidden (Hidden/NoView flag)"));
}

/* Bytes after the earliest signed revision that no xref section lists. */
static void
find_appended_data (Job *job)
{
  guint64 from = job->size;
  const BsPdfRevision *last;

  for (guint i = 0; i < job->report->signatures->len; i++)
    {
      BsSignatureReport *r = g_ptr_array_index (job->report->signatures, i);
      if (r->revision >= 0)
        from = MIN (from, g_array_index (job->revisions, BsPdfRevision, r->revision).end);
    }
  if (from >= job->size || job->revisions->len == 0)
    return;
  last = &g_array_index (job->revisions, BsPdfRevision, job->revisions->len - 1);
  job->appended = bs_appended_data_find (job->fd, job->size, from, last->end, job->chain);
}

static void
verify_signature (Job *job, BsSignatureReport *r, int docmdp)
{
  if (r->revision < 0)
    return;
  bs_verify_crypto_check (job->crypto, r, job->fd, job->cancellable);
  check_changes (job, r, docmdp);
  r->verdict = signature_verdict (r);
}

/* ETSI EN 319 142-1 6: B-T plus validation data in a DSS is B-LT; a
 * document time-stamp over that is B-LTA. */
static void
upgrade_formats (Job *job)
{
  BsPdfObj dss = bs_pdf_obj_get (job->final, bs_pdf_root (job->final), "/DSS");
  gboolean revocation = bs_pdf_obj_len (job->final, bs_pdf_obj_get (job->final, dss, "/OCSPs")) > 0
                        || bs_pdf_obj_len (job->final, bs_pdf_obj_get (job->final, dss, "/CRLs")) > 0;
  int last_timestamp = -1;

  for (guint i = 0; i < job->report->signatures->len; i++)
    {
      BsSignatureReport *r = g_ptr_array_index (job->report->signatures, i);
      if (r->doc_timestamp && r->integrity == BS_INTEGRITY_INTACT)
        last_timestamp = MAX (last_timestamp, r->revision);
    }
  for (guint i = 0; i < job->report->signatures->len; i++)
    {
      BsSignatureReport *r = g_ptr_array_index (job->report->signatures, i);
      char *upgraded;

      if (r->doc_timestamp || r->format == NULL || !g_str_has_suffix (r->format, "-T") || !revocation)
        continue;
      r->ltv = TRUE;
      upgraded = g_strdup_printf ("%.*s%s", (int) strlen (r->format) - 1, r->format,
                                  last_timestamp > r->revision ? "LTA" : "LT");
      g_free (r->format);
      r->format = upgraded;
    }
}

static int
compare_by_revision (gconstpointer a, gconstpointer b)
{
  const BsSignatureReport *x = *(BsSignatureReport * const *) a;
  const BsSignatureReport *y = *(BsSignatureReport * const *) b;

  return (x->revision > y->revision) - (x->revision < y->revision);
}

static void
derive_verdict (BsVerifyReport *report)
{
  report->verdict = report->signatures->len == 0 ? BS_VERDICT_UNSIGNED : BS_VERDICT_VALID;
  for (guint i = 0; i < report->signatures->len; i++)
    {
      BsSignatureReport *r = g_ptr_array_index (report->signatures, i);
      report->verdict = bs_verdict_worst (report->verdict, r->verdict);
    }
}

static void
set_error (BsVerifyReport *report, const GError *error)
{
  report->verdict = BS_VERDICT_ERROR;
  report->error = g_strdup (error->message);
}

static gboolean
load_file (Job *job, GError **error)
{
  job->fd = bs_platform_open_read (job->path, error);
  if (job->fd < 0 || !bs_platform_file_size (job->fd, &job->size, error))
    return FALSE;
  if (job->size == 0)
    {
      g_set_error_literal (error, BS_ERROR, BS_ERROR_NOT_PDF, _("The file is empty"));
      return FALSE;
    }
  job->revisions = bs_pdf_revisions_scan (job->fd, job->size, error);
  if (job->revisions == NULL)
    return FALSE;
  job->mapped = g_mapped_file_new_from_fd (job->fd, FALSE, NULL);
  job->final = open_final (job, error);
  if (job->final == NULL)
    return FALSE;
  job->views = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_pdf_document_free);
  g_ptr_array_set_size (job->views, (gint) job->revisions->len);
  if (job->revisions->len > 0)
    job->chain = bs_pdf_xref_chain (job->final, job->fd, job->size,
                                    g_array_index (job->revisions, BsPdfRevision,
                                                   job->revisions->len - 1).startxref, NULL);
  return TRUE;
}

static void
job_clear (Job *job)
{
  g_clear_pointer (&job->updates, bs_update_changes_free);
  g_clear_pointer (&job->views, g_ptr_array_unref);
  g_clear_pointer (&job->appended, g_ptr_array_unref);
  g_clear_pointer (&job->chain, g_ptr_array_unref);
  g_clear_pointer (&job->referrers, g_hash_table_unref);
  g_clear_pointer (&job->final, bs_pdf_document_free);
  g_clear_pointer (&job->mapped, g_mapped_file_unref);
  g_clear_pointer (&job->revisions, g_array_unref);
  g_clear_pointer (&job->crypto, bs_verify_crypto_free);
  bs_platform_close (job->fd);
}

void
bs_verify_thread_done (void)
{
  OPENSSL_thread_stop ();
}

BsVerifyReport *
bs_verify_file (const char *path, const BsVerifyOptions *options, GCancellable *cancellable,
                GError **error)
{
  static const BsVerifyOptions defaults = { 0 };
  g_autoptr(GError) local_error = NULL;
  BsVerifyReport *report = g_new0 (BsVerifyReport, 1);
  Job job = { .path = path, .fd = -1, .report = report, .cancellable = cancellable,
              .password = options && options->pdf_password ? bs_secret_get (options->pdf_password) : NULL };
  int docmdp;

  g_return_val_if_fail (path != NULL, NULL);

  report->path = g_strdup (path);
  report->signatures = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_signature_report_free);
  report->empty_fields = g_ptr_array_new_with_free_func (g_free);
  if (!load_file (&job, &local_error))
    {
      set_error (report, local_error);
      job_clear (&job);
      return report;
    }
  job.crypto = bs_verify_crypto_new (options ? options : &defaults);
  bs_verify_crypto_set_document_data (job.crypto, read_dss (job.final));
  collect_signatures (&job);
  if (report->repaired && report->signatures->len == 0)
    {
      report->verdict = BS_VERDICT_ERROR;
      report->error = g_strdup (_("The PDF is damaged or truncated"));
      job_clear (&job);
      return report;
    }
  for (guint i = 0; i < report->signatures->len; i++)
    check_byte_range (&job, g_ptr_array_index (report->signatures, i));
  docmdp = certification_level (&job);
  find_appended_data (&job);
  for (guint i = 0; i < report->signatures->len; i++)
    verify_signature (&job, g_ptr_array_index (report->signatures, i), docmdp);
  upgrade_formats (&job);
  g_ptr_array_sort (report->signatures, compare_by_revision);
  derive_verdict (report);
  job_clear (&job);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      bs_verify_report_free (report);
      return NULL;
    }
  return report;
}
