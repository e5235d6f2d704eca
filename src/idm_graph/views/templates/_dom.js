  function el(tag, text, cls) {  // an element holding text (never parsed as HTML)
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (cls) { node.className = cls; }
    return node;
  }
