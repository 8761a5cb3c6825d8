alert(42)
