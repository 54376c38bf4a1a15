// A medium app for scripts/plugin-overhead.mjs: React renders a page around a three.js scene.
import * as THREE from "three";
import { createElement as h, useEffect, useRef, useState } from "react";
import { createRoot } from "react-dom/client";

function Scene() {
  const ref = useRef(null);
  useEffect(() => {
    const renderer = new THREE.WebGLRenderer({ canvas: ref.current, antialias: true });
    const scene = new THREE.Scene();
    const camera = new THREE.PerspectiveCamera(70, 4 / 3, 0.1, 100);
    camera.position.z = 3;
    const cube = new THREE.Mesh(new THREE.BoxGeometry(1, 1, 1), new THREE.MeshNormalMaterial());
    scene.add(cube);
    let frame = requestAnimationFrame(function loop(t) {
      cube.rotation.set(t / 1000, t / 1500, 0);
      renderer.render(scene, camera);
      frame = requestAnimationFrame(loop);
    });
    return () => cancelAnimationFrame(frame);
  }, []);
  return h("canvas", { ref, width: 640, height: 480 });
}

function App() {
  const [count, setCount] = useState(0);
  return h("main", null, h("h1", null, "Cube"), h(Scene), h("button", { onClick: () => setCount(count + 1) }, `clicked ${count}`));
}

createRoot(document.getElementById("root")).render(h(App));
