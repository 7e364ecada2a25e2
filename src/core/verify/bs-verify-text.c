/* bs-verify-text.c — a verification report as text for people (the CLI's
 * output, the window's details).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bs-verify-text.h"

#include <glib/gi18n-lib.h>

static char *
format_time (GDateTime *t)
{
  return t ? g_date_time_format (t, "%Y-%m-%d %H:%M:%S %Z") : g_strdup ("-");
}

static const char *
integrity_text (BsIntegrity integrity)
{
  switch (integrity)
    {
    case BS_INTEGRITY_INTACT: return _("intact");
    case BS_INTEGRITY_BROKEN: return _("broken");
    case BS_INTEGRITY_UNKNOWN: return _("cannot be checked");
    case BS_INTEGRITY_NOT_CHECKED:
    default: return _("not checked");
    }
}

static const char *
trust_text (BsTrust trust)
{
  switch (trust)
    {
    case BS_TRUST_TRUSTED: return _("trusted");
    case BS_TRUST_UNTRUSTED: return _("not trusted");
    case BS_TRUST_INDETERMINATE: return _("cannot be decided");
    case BS_TRUST_REVOKED: return _("revoked");
    case BS_TRUST_NOT_CHECKED:
    default: return _("not checked");
    }
}

static void
append_signature (GString *out, const BsSignatureReport *r)
{
  g_autofree char *when = format_time (r->signing_time);
  const char *none = "-";

  g_string_append_printf (out, _("  Signature “%s” (%s): %s\n"), r->field->field_name,
          r->doc_timestamp ? _("document time-stamp") : _("signature"), bs_verdict_name (r->verdict));
  g_string_append_printf (out, _("    Signer: %s\n"), r->signer_name ? r->signer_name : none);
  for (guint i = 1; i < r->certificates->len; i++)
    g_string_append_printf (out, _("    Issued by: %s\n"), ((BsCertInfo *) g_ptr_array_index (r->certificates, i))->subject);
  g_string_append_printf (out, _("    Signing time: %s (%s)\n"), when,
          r->time_from_timestamp ? _("from the time-stamp") : _("claimed by the signer"));
  if (r->timestamp_authority != NULL)
    g_string_append_printf (out, _("    Time-stamp authority: %s\n"), r->timestamp_authority);
  g_string_append_printf (out, _("    Reason: %s\n    Location: %s\n"), r->field->reason ? r->field->reason : none,
          r->field->location ? r->field->location : none);
  g_string_append_printf (out, _("    Integrity: %s\n    Trust: %s\n"), integrity_text (r->integrity),
          trust_text (r->trust));
  g_string_append_printf (out, _("    Revocation: %s\n"), r->revocation ? r->revocation : _("not checked"));
  g_string_append_printf (out, _("    Format: %s%s\n"), r->format ? r->format : none,
          r->whole_document ? _(", covers the whole document") : "");
  if (r->indication != NULL)
    g_string_append_printf (out, _("    Indication: %s%s%s\n"), r->indication, r->sub_indication ? " / " : "",
            r->sub_indication ? r->sub_indication : "");
  for (guint i = 0; i < r->problems->len; i++)
    g_string_append_printf (out, _("    Problem: %s\n"), (char *) g_ptr_array_index (r->problems, i));
  for (guint i = 0; r->signers != NULL && i < r->signers->len; i++)
    {
      const BsSignerOutcome *s = g_ptr_array_index (r->signers, i);
      g_string_append_printf (out, _("    Signer %u of %u: %s: integrity %s, trust %s%s%s\n"), i + 1, r->signers->len,
              s->signer_name ? s->signer_name : none, integrity_text (s->integrity), trust_text (s->trust),
              s->problem ? " — " : "", s->problem ? s->problem : "");
    }
  for (guint i = 0; i < r->changes->len; i++)
    {
      const BsChange *c = g_ptr_array_index (r->changes, i);
      if (c->page >= 0)
        g_string_append_printf (out, _("    Changed after signing (%s): page %d: %s\n"),
                c->allowed ? _("allowed") : _("not allowed"), c->page + 1, c->description);
      else
        g_string_append_printf (out, _("    Changed after signing (%s): %s\n"),
                c->allowed ? _("allowed") : _("not allowed"), c->description);
    }
}

char *
bs_verify_report_to_text (const BsVerifyReport *report)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%s: %s\n", report->path, bs_verdict_name (report->verdict));
  if (report->verdict == BS_VERDICT_ERROR)
    g_string_append_printf (out, "  %s\n", report->error ? report->error : bs_verdict_describe (report->verdict));
  else
    g_string_append_printf (out, "  %s\n", bs_verdict_describe (report->verdict));
  for (guint i = 0; i < report->signatures->len; i++)
    append_signature (out, g_ptr_array_index (report->signatures, i));
  for (guint i = 0; i < report->empty_fields->len; i++)
    g_string_append_printf (out, _("  Empty signature field: %s\n"), (char *) g_ptr_array_index (report->empty_fields, i));
  return g_string_free (out, FALSE);
}
