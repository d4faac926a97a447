package io.github.javagrad.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON reader for JMH's result files: objects become {@code Map<String, Object>},
 * arrays {@code List<Object>}, numbers {@code Double} (JMH writes NaN as the string "NaN"),
 * strings {@code String}, literals {@code Boolean} or null.
 */
final class Json {
  private final String s;
  private int at;

  private Json(String s) {
    this.s = s;
  }

  static Object parse(String text) {
    Json json = new Json(text);
    Object value = json.value();
    json.space();
    if (json.at != text.length()) {
      throw json.error("trailing characters");
    }
    return value;
  }

  private Object value() {
    space();
    char c = s.charAt(at);
    switch (c) {
      case '{': {
        at++;
        Map<String, Object> map = new LinkedHashMap<>();
        space();
        if (s.charAt(at) == '}') {
          at++;
          return map;
        }
        while (true) {
          space();
          String key = string();
          space();
          expect(':');
          map.put(key, value());
          space();
          if (s.charAt(at) == ',') {
            at++;
          } else {
            expect('}');
            return map;
          }
        }
      }
      case '[': {
        at++;
        List<Object> list = new ArrayList<>();
        space();
        if (s.charAt(at) == ']') {
          at++;
          return list;
        }
        while (true) {
          list.add(value());
          space();
          if (s.charAt(at) == ',') {
            at++;
          } else {
            expect(']');
            return list;
          }
        }
      }
      case '"':
        return string();
      default:
        int start = at;
        while (at < s.length() && ",]} \n\r\t".indexOf(s.charAt(at)) < 0) {
          at++;
        }
        String word = s.substring(start, at);
        switch (word) {
          case "true":
            return Boolean.TRUE;
          case "false":
            return Boolean.FALSE;
          case "null":
            return null;
          default:
            try {
              return Double.parseDouble(word);
            } catch (NumberFormatException e) {
              throw error("bad literal " + word);
            }
        }
    }
  }

  private String string() {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = s.charAt(at++);
      if (c == '"') {
        return out.toString();
      }
      if (c == '\\') {
        char e = s.charAt(at++);
        switch (e) {
          case 'n':
            out.append('\n');
            break;
          case 't':
            out.append('\t');
            break;
          case 'r':
            out.append('\r');
            break;
          case 'b':
            out.append('\b');
            break;
          case 'f':
            out.append('\f');
            break;
          case 'u':
            out.append((char) Integer.parseInt(s.substring(at, at + 4), 16));
            at += 4;
            break;
          default:
            out.append(e);
        }
      } else {
        out.append(c);
      }
    }
  }

  private void expect(char c) {
    if (at >= s.length() || s.charAt(at) != c) {
      throw error("expected '" + c + "'");
    }
    at++;
  }

  private void space() {
    while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
      at++;
    }
  }

  private IllegalArgumentException error(String message) {
    return new IllegalArgumentException(message + " at offset " + at);
  }
}
