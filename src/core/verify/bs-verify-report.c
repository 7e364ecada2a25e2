/* bs-verify-report.c — verdict names and texts, freeing reports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-verify.h"

#include <glib/gi18n-lib.h>

const char *
bs_verdict_name (BsVerdict verdict)
{
  switch (verdict)
    {
    case BS_VERDICT_VALID: return "VALID";
    case BS_VERDICT_UNTRUSTED: return "UNTRUSTED";
    case BS_VERDICT_MODIFIED: return "MODIFIED";
    case BS_VERDICT_INVALID: return "INVALID";
    case BS_VERDICT_UNSIGNED: return "UNSIGNED";
    case BS_VERDICT_INDETERMINATE: return "INDETERMINATE";
    case BS_VERDICT_ERROR:
    default: return "ERROR";
    }
}

static int
verdict_rank (BsVerdict verdict)
{
  switch (verdict)
    {
    case BS_VERDICT_VALID: return 0;
    case BS_VERDICT_UNTRUSTED: return 1;
    case BS_VERDICT_INDETERMINATE: return 2;
    case BS_VERDICT_MODIFIED: return 3;
    case BS_VERDICT_INVALID: return 4;
    case BS_VERDICT_UNSIGNED: return 5;
    case BS_VERDICT_ERROR:
    default: return 6;
    }
}

BsVerdict
bs_verdict_worst (BsVerdict a, BsVerdict b)
{
  return verdict_rank (a) >= verdict_rank (b) ? a : b;
}

const char *
bs_integrity_name (BsIntegrity integrity)
{
  switch (integrity)
    {
    case BS_INTEGRITY_INTACT: return "INTACT";
    case BS_INTEGRITY_BROKEN: return "BROKEN";
    case BS_INTEGRITY_UNKNOWN: return "UNKNOWN";
    case BS_INTEGRITY_NOT_CHECKED:
    default: return "NOT_CHECKED";
    }
}

const char *
bs_trust_name (BsTrust trust)
{
  switch (trust)
    {
    case BS_TRUST_TRUSTED: return "TRUSTED";
    case BS_TRUST_UNTRUSTED: return "UNTRUSTED";
    case BS_TRUST_INDETERMINATE: return "INDETERMINATE";
    case BS_TRUST_REVOKED: return "REVOKED";
    case BS_TRUST_NOT_CHECKED:
    default: return "NOT_CHECKED";
    }
}

const char *
bs_verdict_text_id (BsVerdict verdict)
{
  switch (verdict)
    {
    case BS_VERDICT_VALID: return "Dokumen valid, Sertifikat yang digunakan terpercaya";
    case BS_VERDICT_UNTRUSTED: return "Dokumen valid, Sertifikat yang digunakan tidak terpercaya";
    case BS_VERDICT_MODIFIED: return "Dokumen tidak valid: dokumen telah diubah setelah ditandatangani";
    case BS_VERDICT_INVALID: return "Dokumen tidak valid: tanda tangan elektronik rusak atau tidak sah";
    case BS_VERDICT_UNSIGNED: return "Dokumen tidak memiliki tandatangan elektronik";
    case BS_VERDICT_INDETERMINATE: return "Keabsahan dokumen tidak dapat dipastikan: tanda tangan elektronik belum dapat diperiksa sepenuhnya";
    case BS_VERDICT_ERROR:
    default: return "Berkas bukan PDF yang dapat dibaca";
    }
}

const char *
bs_verdict_describe (BsVerdict verdict)
{
  switch (verdict)
    {
    case BS_VERDICT_VALID: return _("Document valid, the certificate used is trusted");
    case BS_VERDICT_UNTRUSTED: return _("Document valid, the certificate used is not trusted");
    case BS_VERDICT_MODIFIED: return _("Document not valid: the document was changed after it was signed");
    case BS_VERDICT_INVALID: return _("Document not valid: the electronic signature is damaged or not valid");
    case BS_VERDICT_UNSIGNED: return _("The document has no electronic signature");
    case BS_VERDICT_INDETERMINATE: return _("The document's validity cannot be determined: the electronic signature cannot be fully checked");
    case BS_VERDICT_ERROR:
    default: return _("The file is not a readable PDF");
    }
}

static void
cert_info_free (BsCertInfo *c)
{
  g_free (c->common_name);
  g_free (c->subject);
  g_free (c->issuer);
  g_free (c->serial);
  g_clear_pointer (&c->not_before, g_date_time_unref);
  g_clear_pointer (&c->not_after, g_date_time_unref);
  g_free (c->signature_algorithm);
  g_strfreev (c->key_usages);
  g_free (c->sha256);
  g_free (c);
}

void
bs_cert_info_free (BsCertInfo *info)
{
  if (info != NULL)
    cert_info_free (info);
}

void
bs_signer_outcome_free (BsSignerOutcome *o)
{
  if (o == NULL)
    return;
  g_free (o->signer_name);
  g_free (o->indication);
  g_free (o->sub_indication);
  g_free (o->problem);
  g_free (o);
}

void
bs_signature_report_free (BsSignatureReport *r)
{
  if (r == NULL)
    return;
  bs_sig_field_free (r->field);
  g_free (r->signer_name);
  g_clear_pointer (&r->signing_time, g_date_time_unref);
  g_free (r->digest_algorithm);
  g_free (r->signature_algorithm);
  g_free (r->format);
  g_free (r->timestamp_authority);
  g_clear_pointer (&r->timestamp_time, g_date_time_unref);
  g_free (r->revocation);
  g_free (r->indication);
  g_free (r->sub_indication);
  g_clear_pointer (&r->certificates, g_ptr_array_unref);
  g_clear_pointer (&r->changes, g_ptr_array_unref);
  g_clear_pointer (&r->problems, g_ptr_array_unref);
  g_clear_pointer (&r->signers, g_ptr_array_unref);
  g_free (r);
}

BsSignatureReport *
bs_signature_report_new (BsSigField *field)
{
  BsSignatureReport *r = g_new0 (BsSignatureReport, 1);

  r->field = field;
  r->revision = -1;
  r->certificates = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_cert_info_free);
  r->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_change_free);
  r->problems = g_ptr_array_new_with_free_func (g_free);
  r->signers = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_signer_outcome_free);
  return r;
}

void
bs_verify_report_free (BsVerifyReport *report)
{
  if (report == NULL)
    return;
  g_free (report->path);
  g_free (report->error);
  g_clear_pointer (&report->signatures, g_ptr_array_unref);
  g_clear_pointer (&report->empty_fields, g_ptr_array_unref);
  g_free (report);
}
