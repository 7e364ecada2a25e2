/* bs-pdf-raw.c — a PDF lexer over raw bytes (ISO 32000-2 7.2, 7.3).
 *
 * It only splits bytes into tokens and values; it never decides what a
 * value means. Callers treat "cannot tell" as "ask qpdf".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-pdf-raw.h"

#include <string.h>

#define MAX_DEPTH 64
#define MAX_HEADER_GAP 64

typedef enum {
  TOK_END,
  TOK_ERROR,
  TOK_INTEGER,
  TOK_REAL,
  TOK_NAME,
  TOK_STRING,
  TOK_HEX_STRING,
  TOK_DICT_OPEN,
  TOK_DICT_CLOSE,
  TOK_ARRAY_OPEN,
  TOK_ARRAY_CLOSE,
  TOK_KEYWORD,
} TokenType;

typedef struct {
  TokenType type;
  gsize     start, end;
} Token;

typedef struct {
  const guint8 *p;
  gsize         pos, end;
} Lexer;

static gboolean
is_space (guint8 c)
{
  return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

static gboolean
is_delimiter (guint8 c)
{
  return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}'
         || c == '/' || c == '%';
}

static gboolean
is_regular (guint8 c)
{
  return !is_space (c) && !is_delimiter (c);
}

static void
skip_space_and_comments (Lexer *l)
{
  while (l->pos < l->end)
    {
      if (is_space (l->p[l->pos]))
        l->pos++;
      else if (l->p[l->pos] == '%')
        while (l->pos < l->end && l->p[l->pos] != '\r' && l->p[l->pos] != '\n')
          l->pos++;
      else
        break;
    }
}

/* A literal string: balanced parentheses, backslash escapes (7.3.4.2). */
static TokenType
lex_string (Lexer *l)
{
  int depth = 0;

  for (; l->pos < l->end; l->pos++)
    {
      guint8 c = l->p[l->pos];
      if (c == '\\')
        l->pos++;
      else if (c == '(')
        depth++;
      else if (c == ')' && --depth == 0)
        {
          l->pos++;
          return TOK_STRING;
        }
    }
  return TOK_ERROR;
}

static TokenType
lex_hex_string (Lexer *l)
{
  for (l->pos++; l->pos < l->end; l->pos++)
    {
      guint8 c = l->p[l->pos];
      if (c == '>')
        {
          l->pos++;
          return TOK_HEX_STRING;
        }
      if (!g_ascii_isxdigit (c) && !is_space (c))
        return TOK_ERROR;
    }
  return TOK_ERROR;
}

static TokenType
classify_regular (const guint8 *s, gsize n)
{
  gsize i = 0, digits = 0, dots = 0;

  if (i < n && (s[i] == '+' || s[i] == '-'))
    i++;
  for (; i < n; i++)
    {
      if (g_ascii_isdigit (s[i]))
        digits++;
      else if (s[i] == '.')
        dots++;
      else
        return TOK_KEYWORD;
    }
  if (digits == 0 || dots > 1)
    return TOK_KEYWORD;
  return dots ? TOK_REAL : TOK_INTEGER;
}

static Token
next_token (Lexer *l)
{
  Token t = { TOK_END, 0, 0 };
  guint8 c;

  skip_space_and_comments (l);
  t.start = t.end = l->pos;
  if (l->pos >= l->end)
    return t;
  c = l->p[l->pos];
  if (c == '(')
    t.type = lex_string (l);
  else if (c == '<' && l->pos + 1 < l->end && l->p[l->pos + 1] == '<')
    {
      t.type = TOK_DICT_OPEN;
      l->pos += 2;
    }
  else if (c == '<')
    t.type = lex_hex_string (l);
  else if (c == '>' && l->pos + 1 < l->end && l->p[l->pos + 1] == '>')
    {
      t.type = TOK_DICT_CLOSE;
      l->pos += 2;
    }
  else if (c == '[' || c == ']')
    {
      t.type = c == '[' ? TOK_ARRAY_OPEN : TOK_ARRAY_CLOSE;
      l->pos++;
    }
  else if (c == '/')
    {
      for (l->pos++; l->pos < l->end && is_regular (l->p[l->pos]); l->pos++)
        ;
      t.type = TOK_NAME;
    }
  else if (is_regular (c) || c == '{' || c == '}')
    {
      gsize from = l->pos;
      if (c == '{' || c == '}')
        l->pos++;
      else
        while (l->pos < l->end && is_regular (l->p[l->pos]))
          l->pos++;
      t.type = classify_regular (l->p + from, l->pos - from);
    }
  else
    t.type = TOK_ERROR;
  t.end = l->pos;
  return t;
}

static gboolean
token_is (const Lexer *l, Token t, const char *word)
{
  gsize n = strlen (word);

  return t.end - t.start == n && memcmp (l->p + t.start, word, n) == 0;
}

static gboolean skip_value (Lexer *l, Token first, int depth, gsize *end);

/* An integer may start "N G R": the reference is one value. */
static void
take_reference_tail (Lexer *l, gsize *end)
{
  Lexer probe = *l;
  Token gen = next_token (&probe);
  Token r = next_token (&probe);

  if (gen.type == TOK_INTEGER && r.type == TOK_KEYWORD && token_is (&probe, r, "R"))
    {
      *l = probe;
      *end = r.end;
    }
}

static gboolean
skip_container (Lexer *l, TokenType close, int depth, gsize *end)
{
  for (;;)
    {
      Token t = next_token (l);
      if (t.type == close)
        {
          *end = t.end;
          return TRUE;
        }
      if (close == TOK_DICT_CLOSE && t.type != TOK_NAME)
        return FALSE;
      if (close == TOK_DICT_CLOSE)
        t = next_token (l);
      if (!skip_value (l, t, depth + 1, end))
        return FALSE;
    }
}

/* Consumes the value that starts with @first; *@end is where it ends. */
static gboolean
skip_value (Lexer *l, Token first, int depth, gsize *end)
{
  if (depth > MAX_DEPTH)
    return FALSE;
  *end = first.end;
  switch (first.type)
    {
    case TOK_INTEGER:
      take_reference_tail (l, end);
      return TRUE;
    case TOK_REAL:
    case TOK_NAME:
    case TOK_STRING:
    case TOK_HEX_STRING:
      return TRUE;
    case TOK_KEYWORD:
      return token_is (l, first, "true") || token_is (l, first, "false") || token_is (l, first, "null");
    case TOK_ARRAY_OPEN:
      return skip_container (l, TOK_ARRAY_CLOSE, depth, end);
    case TOK_DICT_OPEN:
      return skip_container (l, TOK_DICT_CLOSE, depth, end);
    case TOK_END:
    case TOK_ERROR:
    case TOK_DICT_CLOSE:
    case TOK_ARRAY_CLOSE:
    default:
      return FALSE;
    }
}

static gboolean
take_uint (Lexer *l, guint64 *value)
{
  Token t = next_token (l);
  guint64 v = 0;

  if (t.type != TOK_INTEGER || l->p[t.start] == '-' || l->p[t.start] == '+' || t.end - t.start > 10)
    return FALSE;
  for (gsize i = t.start; i < t.end; i++)
    v = v * 10 + (guint64) (l->p[i] - '0');
  *value = v;
  return TRUE;
}

gboolean
bs_pdf_raw_object_body (const guint8 *data, gsize len, guint64 offset, guint num, BsRawSpan *body)
{
  Lexer l = { data, (gsize) MIN (offset, (guint64) len), len };
  guint64 n, gen;
  Token obj, first, after;
  gsize end;

  if (offset >= len || !take_uint (&l, &n) || n != num || !take_uint (&l, &gen))
    return FALSE;
  obj = next_token (&l);
  if (obj.type != TOK_KEYWORD || !token_is (&l, obj, "obj") || obj.start - offset > MAX_HEADER_GAP)
    return FALSE;
  first = next_token (&l);
  if (!skip_value (&l, first, 0, &end))
    return FALSE;
  after = next_token (&l);
  if (after.type != TOK_KEYWORD || !(token_is (&l, after, "endobj") || token_is (&l, after, "stream")))
    return FALSE;
  body->start = first.start;
  body->end = end;
  return TRUE;
}

GHashTable *
bs_pdf_raw_dict_entries (const guint8 *data, BsRawSpan span)
{
  g_autoptr(GHashTable) entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  Lexer l = { data, span.start, span.end };
  Token open = next_token (&l);

  if (open.type != TOK_DICT_OPEN)
    return NULL;
  for (;;)
    {
      Token key = next_token (&l);
      Token value;
      BsRawSpan *where;
      gsize end;

      if (key.type == TOK_DICT_CLOSE)
        break;
      if (key.type != TOK_NAME)
        return NULL;
      value = next_token (&l);
      if (!skip_value (&l, value, 1, &end))
        return NULL;
      where = g_new (BsRawSpan, 1);
      *where = (BsRawSpan) { value.start, end };
      /* Readers disagree about repeated keys: leave those to qpdf. */
      if (!g_hash_table_insert (entries, g_strndup ((const char *) data + key.start, key.end - key.start), where))
        return NULL;
    }
  return next_token (&l).type == TOK_END ? g_steal_pointer (&entries) : NULL;
}

gboolean
bs_pdf_raw_tokens_equal (const guint8 *a, BsRawSpan sa, const guint8 *b, BsRawSpan sb)
{
  Lexer la = { a, sa.start, sa.end };
  Lexer lb = { b, sb.start, sb.end };

  for (;;)
    {
      Token ta = next_token (&la);
      Token tb = next_token (&lb);
      if (ta.type == TOK_ERROR || ta.type != tb.type || ta.end - ta.start != tb.end - tb.start
          || memcmp (a + ta.start, b + tb.start, ta.end - ta.start) != 0)
        return FALSE;
      if (ta.type == TOK_END)
        return TRUE;
    }
}

static guint
token_uint (const Lexer *l, Token t)
{
  guint64 v = 0;

  for (gsize i = t.start; i < t.end && v <= G_MAXUINT; i++)
    if (g_ascii_isdigit (l->p[i]))
      v = v * 10 + (guint64) (l->p[i] - '0');
  return v <= G_MAXUINT ? (guint) v : 0;
}

gboolean
bs_pdf_raw_references (const guint8 *data, BsRawSpan span, void (*found) (guint, gpointer), gpointer user_data)
{
  Lexer l = { data, span.start, span.end };
  Token before = { TOK_END, 0, 0 }, last = { TOK_END, 0, 0 };

  for (;;)
    {
      Token t = next_token (&l);
      if (t.type == TOK_ERROR)
        return FALSE;
      if (t.type == TOK_END)
        return TRUE;
      if (t.type == TOK_KEYWORD && token_is (&l, t, "R") && before.type == TOK_INTEGER && last.type == TOK_INTEGER)
        found (token_uint (&l, before), user_data);
      before = last;
      last = t;
    }
}
