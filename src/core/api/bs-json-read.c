/* bs-json-read.c — see bs-json-read.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bs-json-read.h"
#include "bs-bsre-session.h"

#include <glib/gi18n-lib.h>

static gboolean
unexpected (const char *key, const char *type, GError **error)
{
  g_set_error (error, BS_BSRE_ERROR, BS_BSRE_ERROR_UNEXPECTED_ANSWER,
               _("The service gave an unexpected answer: “%s” is missing or not %s"), key, type);
  return FALSE;
}

static json_object *
typed (json_object *o, const char *key, json_type type, const char *type_name, GError **error)
{
  json_object *v = NULL;

  if (o == NULL || !json_object_is_type (o, json_type_object) || !json_object_object_get_ex (o, key, &v)
      || !json_object_is_type (v, type))
    {
      unexpected (key, type_name, error);
      return NULL;
    }
  return v;
}

const char *
bs_json_string (json_object *o, const char *key, GError **error)
{
  json_object *v = typed (o, key, json_type_string, _("a text"), error);

  return v ? json_object_get_string (v) : NULL;
}

gboolean
bs_json_optional_string (json_object *o, const char *key, const char **value, GError **error)
{
  json_object *v = NULL;

  *value = NULL;
  if (!json_object_object_get_ex (o, key, &v) || v == NULL)
    return TRUE;
  if (!json_object_is_type (v, json_type_string))
    return unexpected (key, _("a text"), error);
  *value = json_object_get_string (v);
  return TRUE;
}

gboolean
bs_json_int (json_object *o, const char *key, gint64 *value, GError **error)
{
  json_object *v = typed (o, key, json_type_int, _("a number"), error);

  if (v != NULL)
    *value = json_object_get_int64 (v);
  return v != NULL;
}

gboolean
bs_json_code (json_object *o, const char *key, gint64 *value)
{
  json_object *v = NULL;
  g_autofree char *text = NULL;

  if (o == NULL || !json_object_is_type (o, json_type_object) || !json_object_object_get_ex (o, key, &v) || v == NULL)
    return FALSE;
  if (json_object_is_type (v, json_type_int))
    {
      *value = json_object_get_int64 (v);
      return TRUE;
    }
  if (!json_object_is_type (v, json_type_string))
    return FALSE;
  text = g_strstrip (g_strdup (json_object_get_string (v)));
  return g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, value, NULL);
}

gboolean
bs_json_bool (json_object *o, const char *key, gboolean *value, GError **error)
{
  json_object *v = typed (o, key, json_type_boolean, _("true or false"), error);

  if (v != NULL)
    *value = json_object_get_boolean (v);
  return v != NULL;
}

json_object *
bs_json_array (json_object *o, const char *key, GError **error)
{
  return typed (o, key, json_type_array, _("a list"), error);
}

json_object *
bs_json_object (json_object *o, const char *key, GError **error)
{
  return typed (o, key, json_type_object, _("an object"), error);
}

static GBytes *
decode (const char *text, const char *what, GError **error)
{
  gsize len = 0;
  guint8 *data;

  /* g_base64_decode() skips what is not base64; insist on the alphabet. */
  for (const char *p = text; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '+' && *p != '/' && *p != '=')
      {
        unexpected (what, _("base64"), error);
        return NULL;
      }
  data = g_base64_decode (text, &len);
  if (len == 0)
    {
      g_free (data);
      unexpected (what, _("base64"), error);
      return NULL;
    }
  return g_bytes_new_take (data, len);
}

GBytes *
bs_json_base64_at (json_object *array, gsize index, const char *what, GError **error)
{
  json_object *v = json_object_array_get_idx (array, index);

  if (v == NULL || !json_object_is_type (v, json_type_string))
    {
      unexpected (what, _("base64"), error);
      return NULL;
    }
  return decode (json_object_get_string (v), what, error);
}

GBytes *
bs_json_base64 (json_object *o, const char *key, GError **error)
{
  const char *text = bs_json_string (o, key, error);

  return text ? decode (text, key, error) : NULL;
}
