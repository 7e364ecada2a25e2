/* bs-signature-facts.c — see bs-signature-facts.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-signature-facts.h"

#include <glib/gi18n.h>

void
bs_fact_clear (BsFact *fact)
{
  g_clear_pointer (&fact->text, g_free);
}

static void
set_fact (BsFact *out, BsFactState state, char *text)
{
  out->state = state;
  out->text = text;
}

const char *
bs_report_verdict_sentence (const BsVerifyReport *report)
{
  /* In the user's language: the guide's own sentences in Indonesian. */
  return bs_verdict_describe (report->verdict);
}

const char *
bs_report_technical_error (const BsVerifyReport *report)
{
  return report->verdict == BS_VERDICT_ERROR ? report->error : NULL;
}

BsFactState
bs_verdict_state (BsVerdict verdict)
{
  switch (verdict)
    {
    case BS_VERDICT_VALID: return BS_FACT_GOOD;
    case BS_VERDICT_UNTRUSTED: return BS_FACT_WARNING;
    case BS_VERDICT_INDETERMINATE: return BS_FACT_UNDECIDED;
    case BS_VERDICT_UNSIGNED: return BS_FACT_UNKNOWN;
    case BS_VERDICT_MODIFIED:
    case BS_VERDICT_INVALID:
    case BS_VERDICT_ERROR:
    default: return BS_FACT_BAD;
    }
}

const char *
bs_signature_title (const BsSignatureReport *sig)
{
  return sig->signer_name ? sig->signer_name : sig->field->field_name;
}

const char *
bs_signature_field_name (const BsSignatureReport *sig)
{
  return sig->field->field_name;
}

gboolean
bs_signature_is_timestamp (const BsSignatureReport *sig)
{
  return sig->doc_timestamp;
}

void
bs_signature_verdict (const BsSignatureReport *sig, BsFact *out)
{
  const char *text;

  switch (sig->verdict)
    {
    case BS_VERDICT_VALID: text = _("Valid"); break;
    case BS_VERDICT_UNTRUSTED: text = _("Intact, but the certificate is not trusted"); break;
    case BS_VERDICT_MODIFIED: text = _("Not valid: the document was changed after this signature"); break;
    case BS_VERDICT_INVALID: text = _("Not valid: the signature is broken or may not be relied on"); break;
    case BS_VERDICT_INDETERMINATE: text = _("Cannot be decided yet: see what could not be checked below"); break;
    case BS_VERDICT_UNSIGNED:
    case BS_VERDICT_ERROR:
    default: text = _("Cannot be decided"); break;
    }
  set_fact (out, bs_verdict_state (sig->verdict), g_strdup (text));
}

char *
bs_time_describe (GDateTime *time)
{
  g_autoptr(GDateTime) local = time ? g_date_time_to_local (time) : NULL;

  /* Numbers only: month names would come from the C library's locale,
   * which may not be the language the window speaks. */
  return local ? g_date_time_format (local, "%Y-%m-%d %H:%M:%S (UTC%:z)") : NULL;
}

void
bs_signature_time (const BsSignatureReport *sig, BsFact *out)
{
  g_autofree char *when = bs_time_describe (sig->signing_time);

  if (when == NULL)
    set_fact (out, BS_FACT_UNKNOWN, g_strdup (_("Not stated")));
  else if (sig->time_from_timestamp && sig->timestamp_authority != NULL)
    set_fact (out, BS_FACT_GOOD, g_strdup_printf (_("%s, proven by a time-stamp of %s"), when, sig->timestamp_authority));
  else if (sig->time_from_timestamp)
    set_fact (out, BS_FACT_GOOD, g_strdup_printf (_("%s, proven by a time-stamp"), when));
  else
    set_fact (out, BS_FACT_WARNING, g_strdup_printf (_("%s, as the signer's computer claims (no time-stamp proves it)"),
                                                     when));
}

void
bs_signature_integrity (const BsSignatureReport *sig, BsFact *out)
{
  /* Intact means both: the bytes signed are a whole revision, and their
   * digest and the signature value verify. */
  if (sig->byte_range != BS_BYTE_RANGE_OK)
    set_fact (out, BS_FACT_BAD, g_strdup_printf (_("Broken: %s"), bs_byte_range_status_describe (sig->byte_range)));
  else if (sig->integrity == BS_INTEGRITY_BROKEN)
    set_fact (out, BS_FACT_BAD, g_strdup (_("Broken: the signed content or the signature value does not verify")));
  else if (sig->integrity != BS_INTEGRITY_INTACT)
    set_fact (out, BS_FACT_UNDECIDED, g_strdup (_("Cannot be checked: the signature uses an algorithm or a form "
                                                 "this program cannot verify")));
  else
    set_fact (out, BS_FACT_GOOD, g_strdup (_("Intact: the signed content is unchanged and the signature value verifies")));
}

void
bs_signature_trust (const BsSignatureReport *sig, BsFact *out)
{
  if (sig->trust == BS_TRUST_INDETERMINATE)
    set_fact (out, BS_FACT_UNDECIDED, g_strdup (_("Cannot be decided: the certificate chains to a trusted authority, "
                                                 "but whether it was usable then (revocation, a proven time, a "
                                                 "strong enough algorithm) cannot be told")));
  else if (sig->trust == BS_TRUST_TRUSTED)
    set_fact (out, BS_FACT_GOOD, g_strdup (_("Trusted: the certificate was issued by a trusted authority and "
                                            "was usable at the signing time")));
  else
    set_fact (out, BS_FACT_WARNING, g_strdup (_("Not trusted: no trusted authority vouches for the certificate "
                                               "at the signing time")));
}

/* The verifier's sentence names where the answer came from and RFC 5280's
 * reason in their technical spelling: said in the user's words here. */
static char *
translate_terms (const char *sentence)
{
  static const struct { const char *term; const char *words; } terms[] = {
    { "(online)", N_("(asked online)") },
    { "(signature)", N_("(carried in the signature)") },
    { "(DSS)", N_("(in the document's validation data)") },
    { "(unspecified,", N_("(no reason given,") },
    { "(keyCompromise,", N_("(key compromised,") },
    { "(cACompromise,", N_("(authority compromised,") },
    { "(affiliationChanged,", N_("(affiliation changed,") },
    { "(superseded,", N_("(superseded,") },
    { "(cessationOfOperation,", N_("(cessation of operation,") },
    { "(certificateHold,", N_("(certificate on hold,") },
    { "(privilegeWithdrawn,", N_("(privilege withdrawn,") },
  };
  GString *out = g_string_new (sentence);

  for (gsize i = 0; i < G_N_ELEMENTS (terms); i++)
    g_string_replace (out, terms[i].term, _(terms[i].words), 0);
  return g_string_free (out, FALSE);
}

void
bs_signature_revocation (const BsSignatureReport *sig, BsFact *out)
{
  g_autofree char *said = sig->revocation ? translate_terms (sig->revocation) : NULL;

  if (sig->trust == BS_TRUST_REVOKED)
    set_fact (out, BS_FACT_BAD, g_strdup_printf (_("Revoked: %s"), said));
  else if (sig->revocation == NULL)
    set_fact (out, BS_FACT_UNKNOWN, g_strdup (_("Not checked: check the revocation online")));
  /* ETSI's TRY_LATER: the certificate names where to ask, nothing answered. */
  else if (g_strcmp0 (sig->sub_indication, "TRY_LATER") == 0)
    set_fact (out, BS_FACT_UNDECIDED,
              g_strdup (_("Unknown: the document carries no revocation data; check the revocation online")));
  /* The core's own sentence for "nothing to go by", in its own words. */
  else if (g_str_equal (sig->revocation, _("no revocation data for the signer's certificate")))
    set_fact (out, BS_FACT_UNKNOWN,
              g_strdup (_("Unknown: the document carries no revocation data; check the revocation online")));
  else
    set_fact (out, BS_FACT_GOOD, g_steal_pointer (&said));
}

GArray *
bs_signature_changes (const BsSignatureReport *sig)
{
  GArray *facts = g_array_new (FALSE, TRUE, sizeof (BsFact));

  g_array_set_clear_func (facts, (GDestroyNotify) bs_fact_clear);
  for (guint i = 0; i < sig->changes->len; i++)
    {
      const BsChange *c = g_ptr_array_index (sig->changes, i);
      BsFact fact = { c->allowed ? BS_FACT_GOOD : BS_FACT_BAD, NULL };

      if (c->page >= 0)
        fact.text = g_strdup_printf (c->allowed ? _("Allowed, page %d: %s") : _("Not allowed, page %d: %s"),
                                     c->page + 1, c->description);
      else
        fact.text = g_strdup_printf (c->allowed ? _("Allowed: %s") : _("Not allowed: %s"), c->description);
      g_array_append_val (facts, fact);
    }
  if (facts->len == 0)
    {
      BsFact none = { BS_FACT_GOOD, g_strdup (sig->whole_document ? _("None: it signs the document as it is now")
                                                                   : _("None that matter")) };
      g_array_append_val (facts, none);
    }
  return facts;
}

char *
bs_signature_format (const BsSignatureReport *sig)
{
  const char *format = sig->format ? sig->format : "-";

  if (sig->ltv)
    return g_strdup_printf (_("%s (with the data to validate it in the long term)"), format);
  return g_strdup (format);
}

const char *bs_signature_reason (const BsSignatureReport *sig) { return sig->field->reason; }
const char *bs_signature_location (const BsSignatureReport *sig) { return sig->field->location; }
GPtrArray *bs_signature_problems (const BsSignatureReport *sig) { return sig->problems; }
GPtrArray *bs_signature_chain (const BsSignatureReport *sig) { return sig->certificates; }

const char *
bs_key_usage_describe (const char *usage)
{
  static const struct { const char *name; const char *words; } usages[] = {
    { "digitalSignature", N_("digital signature") },
    { "nonRepudiation", N_("non-repudiation") },
    { "contentCommitment", N_("non-repudiation") },
    { "keyEncipherment", N_("key encipherment") },
    { "dataEncipherment", N_("data encipherment") },
    { "keyAgreement", N_("key agreement") },
    { "keyCertSign", N_("signing certificates") },
    { "cRLSign", N_("signing revocation lists") },
    { "crlSign", N_("signing revocation lists") },
    { "encipherOnly", N_("encipher only") },
    { "decipherOnly", N_("decipher only") },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (usages); i++)
    if (g_strcmp0 (usage, usages[i].name) == 0)
      return _(usages[i].words);
  return usage;
}

char *
bs_algorithm_describe (const char *algorithm)
{
  g_auto(GStrv) parts = algorithm ? g_strsplit (algorithm, " with ", 2) : NULL;

  if (parts == NULL)
    return g_strdup ("-");
  if (parts[0] == NULL || parts[1] == NULL)
    return g_strdup (algorithm);
  /* TRANSLATORS: a signature algorithm: "RSA with SHA256" */
  return g_strdup_printf (_("%s with %s"), parts[0], parts[1]);
}
