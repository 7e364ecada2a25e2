/* bs-verify-json.c — the BSrE verify answer with json-c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-verify-json.h"

#include <json-c/json.h>
#include <openssl/evp.h>
#include <string.h>

static json_object *
string_or_null (const char *s)
{
  return s ? json_object_new_string (s) : NULL;
}

/* The service writes dates as "2025-03-18T12:03:45.000+00:00". */
static json_object *
date_or_null (GDateTime *t)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *text = NULL;

  if (t == NULL)
    return NULL;
  utc = g_date_time_to_utc (t);
  text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.000+00:00");
  return json_object_new_string (text);
}

/* DSS-style identifiers: a prefix and a SHA-256 in upper-case hex. */
static json_object *
make_id (const char *prefix, const void *data, gsize len)
{
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int md_len = 0;
  GString *id = g_string_new (prefix);
  json_object *o;

  EVP_Digest (data, len, md, &md_len, EVP_sha256 (), NULL);
  for (unsigned int i = 0; i < md_len; i++)
    g_string_append_printf (id, "%02X", md[i]);
  o = json_object_new_string (id->str);
  g_string_free (id, TRUE);
  return o;
}

static json_object *
certificate_json (const BsCertInfo *c)
{
  json_object *o = json_object_new_object ();
  json_object *usages = json_object_new_array ();

  for (char **u = c->key_usages; u && *u; u++)
    json_object_array_add (usages, json_object_new_string (*u));
  json_object_object_add (o, "id", make_id ("C-", c->sha256, strlen (c->sha256)));
  json_object_object_add (o, "commonName", string_or_null (c->common_name));
  json_object_object_add (o, "issuerName", string_or_null (c->issuer));
  json_object_object_add (o, "serialNumber", string_or_null (c->serial));
  json_object_object_add (o, "notBeforeDate", date_or_null (c->not_before));
  json_object_object_add (o, "notAfterDate", date_or_null (c->not_after));
  json_object_object_add (o, "signatureAlgoritm", string_or_null (c->signature_algorithm));
  json_object_object_add (o, "keyUsages", usages);
  return o;
}

static json_object *
timestamp_json (const BsSignatureReport *r)
{
  json_object *o;
  g_autofree char *key = NULL;

  if (r->timestamp_time == NULL)
    return NULL;
  o = json_object_new_object ();
  key = g_strdup_printf ("%s|%" G_GINT64_FORMAT, r->timestamp_authority ? r->timestamp_authority : "",
                         g_date_time_to_unix (r->timestamp_time));
  json_object_object_add (o, "id", make_id ("T-", key, strlen (key)));
  json_object_object_add (o, "signerName", string_or_null (r->timestamp_authority));
  json_object_object_add (o, "timestampDate", date_or_null (r->timestamp_time));
  return o;
}

static json_object *
changes_json (GPtrArray *changes)
{
  json_object *a = json_object_new_array ();

  for (guint i = 0; i < changes->len; i++)
    {
      const BsChange *c = g_ptr_array_index (changes, i);
      json_object *o = json_object_new_object ();
      json_object_object_add (o, "description", json_object_new_string (c->description));
      json_object_object_add (o, "page", c->page >= 0 ? json_object_new_int (c->page + 1) : NULL);
      json_object_object_add (o, "object", c->object ? json_object_new_int64 (c->object) : NULL);
      json_object_object_add (o, "allowed", json_object_new_boolean (c->allowed));
      json_object_array_add (a, o);
    }
  return a;
}

static json_object *
strings_json (GPtrArray *strings)
{
  json_object *a = json_object_new_array ();

  for (guint i = 0; strings && i < strings->len; i++)
    json_object_array_add (a, json_object_new_string (g_ptr_array_index (strings, i)));
  return a;
}

static json_object *
signers_json (GPtrArray *signers)
{
  json_object *a = json_object_new_array ();

  for (guint i = 0; signers != NULL && i < signers->len; i++)
    {
      const BsSignerOutcome *s = g_ptr_array_index (signers, i);
      json_object *o = json_object_new_object ();
      json_object_object_add (o, "signerName", string_or_null (s->signer_name));
      json_object_object_add (o, "integrity", json_object_new_string (bs_integrity_name (s->integrity)));
      json_object_object_add (o, "trust", json_object_new_string (bs_trust_name (s->trust)));
      json_object_object_add (o, "indication", string_or_null (s->indication));
      json_object_object_add (o, "subIndication", string_or_null (s->sub_indication));
      json_object_object_add (o, "problem", string_or_null (s->problem));
      json_object_array_add (a, o);
    }
  return a;
}

static json_object *
besign_signature_json (const BsSignatureReport *r)
{
  json_object *o = json_object_new_object ();

  json_object_object_add (o, "verdict", json_object_new_string (bs_verdict_name (r->verdict)));
  json_object_object_add (o, "indication", string_or_null (r->indication));
  json_object_object_add (o, "subIndication", string_or_null (r->sub_indication));
  json_object_object_add (o, "integrity", json_object_new_string (bs_integrity_name (r->integrity)));
  json_object_object_add (o, "trust", json_object_new_string (bs_trust_name (r->trust)));
  json_object_object_add (o, "documentTimestamp", json_object_new_boolean (r->doc_timestamp));
  json_object_object_add (o, "byteRange", json_object_new_string (bs_byte_range_status_describe (r->byte_range)));
  json_object_object_add (o, "revision", r->revision >= 0 ? json_object_new_int (r->revision + 1) : NULL);
  json_object_object_add (o, "coversWholeDocument", json_object_new_boolean (r->whole_document));
  json_object_object_add (o, "signingTimeSource",
                          json_object_new_string (r->time_from_timestamp ? "timestamp" : "claimed"));
  json_object_object_add (o, "subFilter", string_or_null (r->field->sub_filter));
  json_object_object_add (o, "revocation", string_or_null (r->revocation));
  json_object_object_add (o, "problems", strings_json (r->problems));
  json_object_object_add (o, "signers", signers_json (r->signers));
  json_object_object_add (o, "changesAfterSigning", changes_json (r->changes));
  return o;
}

static json_object *
signature_json (const BsSignatureReport *r)
{
  json_object *o = json_object_new_object ();
  json_object *certs = json_object_new_array ();
  gsize len = 0;
  const void *cms = r->field->contents ? g_bytes_get_data (r->field->contents, &len) : "";

  for (guint i = 0; i < r->certificates->len; i++)
    json_object_array_add (certs, certificate_json (g_ptr_array_index (r->certificates, i)));
  json_object_object_add (o, "id", make_id ("S-", cms, len));
  json_object_object_add (o, "fieldName", string_or_null (r->field->field_name));
  json_object_object_add (o, "signerName", string_or_null (r->signer_name));
  json_object_object_add (o, "location", string_or_null (r->field->location));
  json_object_object_add (o, "reason", string_or_null (r->field->reason));
  json_object_object_add (o, "signatureDate", date_or_null (r->signing_time));
  json_object_object_add (o, "signatureFormat", string_or_null (r->format ? r->format : "PDF-NOT-ETSI"));
  json_object_object_add (o, "certLevelCode", json_object_new_int (r->field->docmdp));
  json_object_object_add (o, "integrityValid", json_object_new_boolean (r->integrity == BS_INTEGRITY_INTACT
                                                                         && r->byte_range == BS_BYTE_RANGE_OK));
  json_object_object_add (o, "certificateTrusted", json_object_new_boolean (r->trust == BS_TRUST_TRUSTED));
  json_object_object_add (o, "ltv", json_object_new_boolean (r->ltv));
  /* The service always says false here; keeping its meaning. */
  json_object_object_add (o, "lastSignature", json_object_new_boolean (FALSE));
  json_object_object_add (o, "digestAlgorithm", string_or_null (r->digest_algorithm));
  json_object_object_add (o, "signatureAlgorithm", string_or_null (r->signature_algorithm));
  json_object_object_add (o, "timestampInfomation", timestamp_json (r));
  json_object_object_add (o, "certificateDetails", certs);
  json_object_object_add (o, "besign", besign_signature_json (r));
  return o;
}

static const char *
conclusion (BsVerdict verdict)
{
  switch (verdict)
    {
    case BS_VERDICT_VALID: return "VALID";
    case BS_VERDICT_UNSIGNED: return "NO_SIGNATURE";
    /* The service folds DSS's INDETERMINATE into INVALID. */
    case BS_VERDICT_UNTRUSTED:
    case BS_VERDICT_INDETERMINATE:
    case BS_VERDICT_MODIFIED:
    case BS_VERDICT_INVALID:
    case BS_VERDICT_ERROR:
    default: return "INVALID";
    }
}

static json_object *
report_json (const BsVerifyReport *report)
{
  json_object *o = json_object_new_object ();
  json_object *sigs = json_object_new_array ();
  json_object *besign = json_object_new_object ();

  for (guint i = 0; i < report->signatures->len; i++)
    json_object_array_add (sigs, signature_json (g_ptr_array_index (report->signatures, i)));
  json_object_object_add (o, "conclusion", json_object_new_string (conclusion (report->verdict)));
  json_object_object_add (o, "description", json_object_new_string (bs_verdict_text_id (report->verdict)));
  json_object_object_add (o, "signatureCount", json_object_new_int ((int) report->signatures->len));
  json_object_object_add (o, "signatureInformations", sigs);
  json_object_object_add (besign, "file", json_object_new_string (report->path));
  json_object_object_add (besign, "verdict", json_object_new_string (bs_verdict_name (report->verdict)));
  json_object_object_add (besign, "error", string_or_null (report->error));
  json_object_object_add (besign, "repaired", json_object_new_boolean (report->repaired));
  json_object_object_add (besign, "emptySignatureFields", strings_json (report->empty_fields));
  json_object_object_add (o, "besign", besign);
  return o;
}

char *
bs_verify_json_print (GPtrArray *reports)
{
  json_object *root;
  char *text;

  if (reports->len == 1)
    root = report_json (g_ptr_array_index (reports, 0));
  else
    {
      root = json_object_new_array ();
      for (guint i = 0; i < reports->len; i++)
        json_object_array_add (root, report_json (g_ptr_array_index (reports, i)));
    }
  text = g_strdup (json_object_to_json_string_ext (root, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE));
  json_object_put (root);
  return text;
}
