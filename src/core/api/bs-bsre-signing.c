/* bs-bsre-signing.c — see bs-bsre-signing.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bs-bsre-signing.h"
#include "bs-bsre-signer-id.h"
#include "bs-json-read.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define MAX_HASHES 100

void
bs_bsre_status_free (BsBsreStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->status);
  g_free (status->message);
  g_free (status);
}

void
bs_bsre_signed_hashes_free (BsBsreSignedHashes *s)
{
  if (s == NULL)
    return;
  g_free (s->algorithm);
  g_clear_pointer (&s->signatures, g_ptr_array_unref);
  g_clear_pointer (&s->chain, g_ptr_array_unref);
  g_free (s);
}

void
bs_bsre_verification_free (BsBsreVerification *v)
{
  if (v == NULL)
    return;
  g_free (v->conclusion);
  g_free (v->description);
  g_free (v->json);
  g_free (v);
}

static void
add_who (json_object *body, const char *who)
{
  json_object_object_add (body, bs_bsre_signer_id_field (who), json_object_new_string (who));
}

static void
add_auth (json_object *body, const BsBsreSigningAuth *auth)
{
  if (auth->passphrase != NULL)
    json_object_object_add (body, "passphrase", json_object_new_string (bs_secret_get (auth->passphrase)));
  else
    json_object_object_add (body, "totp", json_object_new_string (bs_secret_get (auth->otp)));
}

BsBsreStatus *
bs_bsre_check_status (BsBsreSession *session, const char *who, GCancellable *cancellable, GError **error)
{
  json_object *body = json_object_new_object ();
  json_object *answer;
  const char *status = NULL, *message = NULL;
  gint64 code = 0;
  BsBsreStatus *out = NULL;

  add_who (body, who);
  answer = bs_bsre_session_call (session, "POST", "/api/v2/user/check/status", body, BS_BSRE_CALL_ACCOUNT,
                                 BS_BSRE_AUTH_INTEGRATION, NULL, cancellable, error);
  if (answer != NULL && (status = bs_json_string (answer, "status", error)) != NULL
      && bs_json_optional_string (answer, "message", &message, error))
    {
      out = g_new0 (BsBsreStatus, 1);
      out->status = g_strdup (status);
      /* A number, or a string on some deployments; absent is no error. */
      out->status_code = bs_json_code (answer, "status_code", &code) ? code : 0;
      out->message = g_strdup (message);
    }
  json_object_put (answer);
  return out;
}

/* A non-empty list of base64 blobs (certificates, PDFs) (transfer full). */
static GPtrArray *
read_base64_list (json_object *list, const char *what, GError **error)
{
  GPtrArray *certs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  for (size_t i = 0; i < json_object_array_length (list); i++)
    {
      GBytes *der = bs_json_base64_at (list, i, what, error);
      if (der == NULL)
        {
          g_ptr_array_unref (certs);
          return NULL;
        }
      g_ptr_array_add (certs, der);
    }
  if (certs->len == 0)
    {
      g_set_error_literal (error, BS_BSRE_ERROR, BS_BSRE_ERROR_UNEXPECTED_ANSWER,
                           _("The service gave an unexpected answer: an empty list"));
      g_clear_pointer (&certs, g_ptr_array_unref);
    }
  return certs;
}

GPtrArray *
bs_bsre_certificate_chain (BsBsreSession *session, const char *id, GCancellable *cancellable, GError **error)
{
  g_autofree char *escaped = g_uri_escape_string (id, NULL, FALSE);
  g_autofree char *path = g_strconcat ("/api/v2/user/certificate/chain/", escaped, NULL);
  json_object *answer = bs_bsre_session_call (session, "GET", path, NULL, BS_BSRE_CALL_ACCOUNT,
                                              BS_BSRE_AUTH_INTEGRATION, NULL, cancellable, error);
  json_object *list = answer ? bs_json_array (answer, "data", error) : NULL;
  GPtrArray *chain = list ? read_base64_list (list, "data", error) : NULL;

  /* The real service's 400 for an unknown id has no body to explain it. */
  if (answer == NULL && error != NULL && g_error_matches (*error, BS_BSRE_ERROR, BS_BSRE_ERROR_BAD_REQUEST))
    g_prefix_error (error, _("No certificate for “%s”: "), id);

  json_object_put (answer);
  return chain;
}

gboolean
bs_bsre_request_email_otp (BsBsreSession *session, const char *who, guint documents,
                           GCancellable *cancellable, GError **error)
{
  json_object *body = json_object_new_object ();
  json_object *answer;

  add_who (body, who);
  json_object_object_add (body, "data", json_object_new_int ((int) MAX (documents, 1)));
  answer = bs_bsre_session_call (session, "POST", "/api/v2/sign/get/totp", body, BS_BSRE_CALL_ACCOUNT,
                                 BS_BSRE_AUTH_INTEGRATION, NULL, cancellable, error);
  json_object_put (answer);
  return answer != NULL;
}

/* The answer's signatures in the order of the request's ids. */
static GPtrArray *
read_signatures (json_object *list, guint expected, GError **error)
{
  GPtrArray *out = g_ptr_array_new_full (expected, (GDestroyNotify) g_bytes_unref);

  for (guint i = 0; i < expected; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", i);
      json_object *item = json_object_array_get_idx (list, i);
      const char *got = item ? bs_json_string (item, "id", error) : NULL;
      GBytes *sig;

      if (got == NULL || !g_str_equal (got, id) || (sig = bs_json_base64 (item, "signature", error)) == NULL)
        {
          if (error && *error == NULL)
            g_set_error_literal (error, BS_BSRE_ERROR, BS_BSRE_ERROR_UNEXPECTED_ANSWER,
                                 _("The service gave an unexpected answer: the signatures do not match the request"));
          g_ptr_array_unref (out);
          return NULL;
        }
      g_ptr_array_add (out, sig);
    }
  return out;
}

BsBsreSignedHashes *
bs_bsre_sign_hashes (BsBsreSession *session, const BsBsreSigningAuth *auth, GPtrArray *hashes,
                     GCancellable *cancellable, GError **error)
{
  json_object *body = json_object_new_object ();
  json_object *list = json_object_new_array ();
  json_object *answer, *sigs, *chain;
  const char *algorithm;
  BsBsreSignedHashes *out;

  g_return_val_if_fail (hashes->len > 0 && hashes->len <= MAX_HASHES, NULL);
  add_auth (body, auth);
  json_object_object_add (body, "digestAlgorithm", json_object_new_string ("SHA256"));
  for (guint i = 0; i < hashes->len; i++)
    {
      GBytes *hash = g_ptr_array_index (hashes, i);
      g_autofree char *b64 = g_base64_encode (g_bytes_get_data (hash, NULL), g_bytes_get_size (hash));
      g_autofree char *id = g_strdup_printf ("%u", i);
      json_object *item = json_object_new_object ();
      json_object_object_add (item, "id", json_object_new_string (id));
      json_object_object_add (item, "hash", json_object_new_string (b64));
      json_object_array_add (list, item);
    }
  json_object_object_add (body, "hashes", list);
  answer = bs_bsre_session_call (session, "POST", "/api/v2/sign/hash", body, BS_BSRE_CALL_SIGNING,
                                 BS_BSRE_AUTH_BEARER, NULL, cancellable, error);
  if (answer == NULL)
    return NULL;
  out = g_new0 (BsBsreSignedHashes, 1);
  if ((algorithm = bs_json_string (answer, "signatureAlgorithm", error)) == NULL
      || (sigs = bs_json_array (answer, "signatures", error)) == NULL
      || (chain = bs_json_array (answer, "certificateChain", error)) == NULL
      || (out->signatures = read_signatures (sigs, hashes->len, error)) == NULL
      || (out->chain = read_base64_list (chain, "certificateChain", error)) == NULL)
    g_clear_pointer (&out, bs_bsre_signed_hashes_free);
  else
    out->algorithm = g_strdup (algorithm);
  json_object_put (answer);
  return out;
}

static void
add_text (json_object *o, const char *key, const char *value)
{
  if (value != NULL)
    json_object_object_add (o, key, json_object_new_string (value));
}

static json_object *
appearance_json (const BsBsrePdfAppearance *a)
{
  json_object *p = json_object_new_object ();

  json_object_object_add (p, "tampilan", json_object_new_string (a->visible ? "VISIBLE" : "INVISIBLE"));
  if (a->visible)
    {
      json_object_object_add (p, "page", json_object_new_int (MAX (a->page, 1)));
      json_object_object_add (p, "originX", json_object_new_double (a->box.x));
      json_object_object_add (p, "originY", json_object_new_double (a->box.y));
      json_object_object_add (p, "width", json_object_new_double (a->box.width));
      json_object_object_add (p, "height", json_object_new_double (a->box.height));
      add_text (p, "tag_koordinat", a->marker);
    }
  if (a->visible && a->image != NULL)
    {
      g_autofree char *b64 = g_base64_encode (g_bytes_get_data (a->image, NULL), g_bytes_get_size (a->image));
      json_object_object_add (p, "imageBase64", json_object_new_string (b64));
    }
  if (a->pdf_password != NULL)
    add_text (p, "pdfPassword", bs_secret_get (a->pdf_password));
  add_text (p, "reason", a->reason);
  add_text (p, "location", a->location);
  add_text (p, "contactInfo", a->contact);
  return p;
}

GPtrArray *
bs_bsre_sign_pdf (BsBsreSession *session, const char *who, const BsBsreSigningAuth *auth, GPtrArray *pdfs,
                  const BsBsrePdfAppearance *const *appearances, GCancellable *cancellable, GError **error)
{
  json_object *body = json_object_new_object ();
  json_object *props = json_object_new_array ();
  json_object *files = json_object_new_array ();
  json_object *answer, *list;
  GPtrArray *out = NULL;

  g_return_val_if_fail (pdfs->len > 0, NULL);
  add_who (body, who);
  add_auth (body, auth);
  for (guint i = 0; i < pdfs->len; i++)
    {
      GBytes *pdf = g_ptr_array_index (pdfs, i);
      char *b64 = g_base64_encode (g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
      json_object_array_add (props, appearance_json (appearances[i]));
      json_object_array_add (files, json_object_new_string (b64));
      g_free (b64);
    }
  json_object_object_add (body, "signatureProperties", props);
  json_object_object_add (body, "file", files);
  answer = bs_bsre_session_call (session, "POST", "/api/v2/sign/pdf", body, BS_BSRE_CALL_SIGNING,
                                 BS_BSRE_AUTH_INTEGRATION, NULL, cancellable, error);
  list = answer ? bs_json_array (answer, "file", error) : NULL;
  if (list != NULL && json_object_array_length (list) != pdfs->len)
    g_set_error_literal (error, BS_BSRE_ERROR, BS_BSRE_ERROR_UNEXPECTED_ANSWER,
                         _("The service gave an unexpected answer: the signed files do not match the request"));
  else if (list != NULL)
    out = read_base64_list (list, "file", error);
  json_object_put (answer);
  return out;
}

BsBsreVerification *
bs_bsre_verify_pdf (BsBsreSession *session, GBytes *pdf, GCancellable *cancellable, GError **error)
{
  json_object *body = json_object_new_object ();
  g_autofree char *b64 = g_base64_encode (g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
  json_object *answer;
  const char *conclusion, *description = NULL;
  gint64 count = 0;
  BsBsreVerification *v = NULL;

  json_object_object_add (body, "file", json_object_new_string (b64));
  answer = bs_bsre_session_call (session, "POST", "/api/v2/verify/pdf", body, BS_BSRE_CALL_SIGNING,
                                 BS_BSRE_AUTH_INTEGRATION, NULL, cancellable, error);
  if (answer != NULL && (conclusion = bs_json_string (answer, "conclusion", error)) != NULL
      && bs_json_optional_string (answer, "description", &description, error)
      && bs_json_int (answer, "signatureCount", &count, error))
    {
      v = g_new0 (BsBsreVerification, 1);
      v->conclusion = g_strdup (conclusion);
      v->description = g_strdup (description);
      v->signature_count = count;
      v->json = g_strdup (json_object_to_json_string_ext (answer, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE));
    }
  json_object_put (answer);
  return v;
}
