/* rangemap: every piece of text a map shows is made a DOM text node, never parsed as HTML. */
function rangemapText(tag, content, className) {
  "use strict";
  var element = document.createElement(tag);
  if (className) { element.className = className; }
  element.textContent = content;
  return element;
}
